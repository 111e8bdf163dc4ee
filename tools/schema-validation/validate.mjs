#!/usr/bin/env node
// Validates JSON documents against a JSON Schema (draft 2020-12, or draft-07 when the schema declares it) with ajv
// and its format checks. Used by the tests to hold AiSpm's SARIF and OCSF outputs to their published schemas.
//
//   node validate.mjs --schema <schema.json> [--each] <document.json>...
//   node validate.mjs --schema sarif-2.1.0 <log.sarif>      (the schema shipped with the SARIF Multitool package)
//   node validate.mjs --schema cyclonedx-1.6 <bom.json>     (the CycloneDX 1.6 schema and the SPDX and JSF schemas it
//                                                           references, shipped with @cyclonedx/cyclonedx-library)
//
// --each validates every element of a top-level array on its own (an OCSF file is an array of events).
// Prints one JSON object: { "valid": bool, "errors": [ { "document", "item", "path", "keyword", "message" } ] }.
// Exit codes: 0 valid, 1 invalid, 2 bad usage or an unreadable schema or document.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import AjvDraft07 from 'ajv';
import addFormats from 'ajv-formats';

const here = dirname(fileURLToPath(import.meta.url));

function fail(message) {
  process.stderr.write(`validate: ${message}\n`);
  process.exit(2);
}

function sarifSchemaPath() {
  for (const platform of ['linux', 'darwin', 'win32']) {
    const candidate = join(here, 'node_modules', '@microsoft', `sarif-multitool-${platform}`, 'sarif-2.1.0.json');
    if (existsSync(candidate)) return candidate;
  }
  fail('the SARIF 2.1.0 schema is not installed: run scripts/ensure-node-tool.sh schema-validation');
}

function readJson(path, what) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    fail(`cannot read ${what} '${path}': ${e.message}`);
  }
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    fail(`${what} '${path}' is not JSON: ${e.message}`);
  }
}

const args = process.argv.slice(2);
let schemaArg;
let each = false;
const documents = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--schema') schemaArg = args[++i];
  else if (args[i] === '--each') each = true;
  else if (args[i].startsWith('--')) fail(`unknown option '${args[i]}'`);
  else documents.push(args[i]);
}
if (!schemaArg || documents.length === 0) fail('usage: validate.mjs --schema <schema.json|sarif-2.1.0> [--each] <document.json>...');

// The CycloneDX package names its schema files *.SNAPSHOT.schema.json and refers to them so; their $ids omit SNAPSHOT.
const cyclonedxDir = join(here, 'node_modules', '@cyclonedx', 'cyclonedx-library', 'res', 'schema');
function cyclonedxSchema(name) {
  const path = join(cyclonedxDir, `${name}.SNAPSHOT.schema.json`);
  if (!existsSync(path)) fail(`the CycloneDX schemas are not installed: run scripts/ensure-node-tool.sh schema-validation`);
  return JSON.parse(readFileSync(path, 'utf8').replaceAll('.SNAPSHOT.schema.json', '.schema.json'));
}

const cyclonedx = schemaArg === 'cyclonedx-1.6';
const schemaPath = schemaArg === 'sarif-2.1.0' ? sarifSchemaPath() : cyclonedx ? join(cyclonedxDir, 'bom-1.6.SNAPSHOT.schema.json') : schemaArg;
const schema = cyclonedx ? cyclonedxSchema('bom-1.6') : readJson(schemaPath, 'schema');
const draft07 = typeof schema.$schema === 'string' && schema.$schema.includes('draft-07');
const ajv = new (draft07 ? AjvDraft07 : Ajv2020)({ allErrors: true, strict: false });
addFormats(ajv);
if (cyclonedx) {
  // Formats CycloneDX uses that ajv-formats does not define: internationalised forms, accepted as the strings they are.
  ajv.addFormat('iri-reference', true);
  ajv.addFormat('idn-email', true);
  ajv.addSchema(cyclonedxSchema('spdx'));
  ajv.addSchema(cyclonedxSchema('jsf-0.82'));
}
let validator;
try {
  validator = ajv.compile(schema);
} catch (e) {
  fail(`schema '${schemaPath}' does not compile: ${e.message}`);
}

const errors = [];
for (const path of documents) {
  const document = readJson(path, 'document');
  if (each && !Array.isArray(document)) fail(`--each needs a top-level array, but '${path}' is not one`);
  const items = each ? document : [document];
  items.forEach((item, index) => {
    if (!validator(item)) {
      for (const error of validator.errors) {
        errors.push({
          document: path,
          item: each ? index : null,
          path: error.instancePath,
          keyword: error.keyword,
          message: `${error.message}${error.params && Object.keys(error.params).length ? ` ${JSON.stringify(error.params)}` : ''}`,
        });
      }
    }
  });
}

process.stdout.write(`${JSON.stringify({ valid: errors.length === 0, schema: schemaPath, errors }, null, 1)}\n`);
process.exit(errors.length === 0 ? 0 : 1);
