// Runs the TypeScript sources directly: SWC with decorator metadata (NestJS) and the
// @handover/* path aliases of tsconfig.base.json.
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || require('path').join(__dirname, '..', 'tsconfig.json');
require('@swc-node/register');
