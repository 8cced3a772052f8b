// See SOURCES.md: answers npm's Sigstore TUF lookup of HOST/keys.json the way the online repository
// answers it for a registry it does not list, so npm audit signatures uses the registry's keys.
const Module = require('module')
const load = Module._load
Module._load = function (request, parent, isMain) {
  const loaded = load.apply(this, arguments)
  if (request !== '@sigstore/tuf') return loaded
  return {
    ...loaded,
    initTUF: async () => ({
      getTarget: async (name) => {
        const error = new Error(`target ${name} not found in the Sigstore TUF repository`)
        error.code = 'TUF_FIND_TARGET_ERROR'
        throw error
      },
    }),
  }
}
