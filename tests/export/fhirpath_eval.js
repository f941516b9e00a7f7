// Second reader for the FHIR export: evaluates FHIRPath expressions (argv[3…]) against a
// JSON resource file (argv[2]) with the fhirpath npm package (HL7's FHIRPath engine, FHIR R4
// model) and prints one JSON array of results per expression, one per line.
// Usage: node fhirpath_eval.js MODULE_DIR FILE EXPR…
const path = require('path');
const moduleDir = process.argv[2];
const fhirpath = require(path.join(moduleDir, 'fhirpath'));
const r4 = require(path.join(moduleDir, 'fhirpath', 'fhir-context', 'r4'));
const fs = require('fs');
const resource = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
for (const expr of process.argv.slice(4)) {
  const result = fhirpath.evaluate(resource, expr, { resource }, r4);  // %resource: the whole file
  process.stdout.write(JSON.stringify(result) + '\n');
}
