#!/usr/bin/env node
// `npx handover …` from a clone: the TypeScript sources run through SWC (infra/register.js), as
// the services do; the @handover/* aliases resolve through tsconfig.base.json.
require('../../../infra/register.js');
require('../src/main.ts');
