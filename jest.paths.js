// Maps the tsconfig path aliases (@handover/<lib>) for jest, from the one list in tsconfig.base.json.
const path = require('path');
const { compilerOptions } = require('./tsconfig.base.json');

function pathsToModuleNameMapper() {
  const mapper = {};
  for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
    mapper[`^${alias.replace('/', '\\/')}$`] = path.join(__dirname, target);
  }
  return mapper;
}

module.exports = { pathsToModuleNameMapper };
