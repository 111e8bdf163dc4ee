#!/usr/bin/env node
// Self-check for a schema written by generate.mjs for detection_finding with the cloud profile:
// the schema is a valid draft 2020-12 schema, a minimal Detection Finding passes and known-bad
// variants fail. Optionally validates every event of a JSON array file as well.
//
// ajv is not a dependency of this repository; install it somewhere else and point at it:
//   npm install --prefix <dir> ajv@8 ajv-formats@3
//   node tools/ocsf-jsonschema/selfcheck.mjs --modules <dir> --schema <schema.json> [--events <events.json>]

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    modules: { type: 'string' },
    schema: { type: 'string' },
    events: { type: 'string' },
  },
});
if (!args.modules || !args.schema) {
  process.stderr.write('usage: node selfcheck.mjs --modules <dir with node_modules/ajv> --schema <file> [--events <file>]\n');
  process.exit(2);
}

const require = createRequire(path.join(path.resolve(args.modules), 'package.json'));
const Ajv2020 = require('ajv/dist/2020');
const addFormats = require('ajv-formats');

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

const schema = JSON.parse(fs.readFileSync(args.schema, 'utf8'));
let failures = 0;
const check = (ok, label, detail) => {
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${label}${!ok && detail ? `\n     ${detail}` : ''}\n`);
  if (!ok) failures++;
};

check(ajv.validateSchema(schema) === true, 'schema is a valid draft 2020-12 schema', ajv.errorsText(ajv.errors));
const validate = ajv.compile(schema);
check(typeof validate === 'function', 'schema compiles');

const minimal = () => ({
  activity_id: 1,
  category_uid: 2,
  class_uid: 2004,
  type_uid: 200401,
  severity_id: 3,
  time: 1700000000000,
  finding_info: { uid: 'f-1', title: 'x' },
  cloud: { provider: 'Azure' },
  metadata: { version: '1.4.0', profiles: ['cloud'], product: { name: 'p', vendor_name: 'v' } },
});

const errs = () => (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
check(validate(minimal()) === true, 'minimal Detection Finding passes', errs());

const bad = {
  'finding_info.uid missing': (e) => { delete e.finding_info.uid; },
  'unknown top-level property': (e) => { e.not_an_ocsf_attribute = 1; },
  'severity_id 42': (e) => { e.severity_id = 42; },
  'class_uid 2005': (e) => { e.class_uid = 2005; },
  'type_uid not class_uid*100+activity_id': (e) => { e.type_uid = 200402; },
  'metadata.profiles without cloud': (e) => { e.metadata.profiles = []; },
  'cloud missing (cloud profile)': (e) => { delete e.cloud; },
  'status_id 6': (e) => { e.status_id = 6; },
  'resources item without name or uid': (e) => { e.resources = [{ type: 'x' }]; },
  'time as string': (e) => { e.time = '2024-01-01T00:00:00Z'; },
};
for (const [label, mutate] of Object.entries(bad)) {
  const e = minimal();
  mutate(e);
  check(validate(e) === false, `rejects: ${label}`);
}
const open = minimal();
open.unmapped = { anything: { nested: [1, 'two'] } };
check(validate(open) === true, 'unmapped accepts anything', errs());

if (args.events) {
  const events = JSON.parse(fs.readFileSync(args.events, 'utf8'));
  const list = Array.isArray(events) ? events : [events];
  let bad = 0;
  list.forEach((event, i) => {
    if (!validate(event)) {
      bad++;
      for (const e of validate.errors) process.stdout.write(`     event[${i}] ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}\n`);
    }
  });
  check(bad === 0, `${list.length - bad}/${list.length} events of ${path.basename(args.events)} validate`);
}

process.exit(failures ? 1 : 0);
