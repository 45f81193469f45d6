// Checks the element templates against Camunda's element-templates JSON schema (the npm package
// @camunda/element-templates-json-schema, pinned in package.json). Usage: node .camunda/validate-element-templates.js
// Prints one line per template file; exits non-zero when any template breaks the schema.
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');
const schema = require('@camunda/element-templates-json-schema/resources/schema.json');

const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const folder = path.join(__dirname, 'element-templates');
let failed = false;
for (const file of fs.readdirSync(folder).filter((name) => name.endsWith('.json'))) {
  const templates = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'));
  if (validate(templates)) {
    console.log(`${file}: ${templates.length} templates valid`);
  } else {
    failed = true;
    console.log(`${file}: invalid\n` + JSON.stringify(validate.errors, null, 2));
  }
}
process.exit(failed ? 1 : 0);
