#!/usr/bin/env node
// Compiles one OCSF event class (with chosen profiles) from a checkout of the OCSF schema source
// into a strict JSON Schema (draft 2020-12). No dependencies beyond Node 20.
//
//   node tools/ocsf-jsonschema/generate.mjs --schema-dir <ocsf-schema checkout> \
//     --class detection_finding --profile cloud [--profile ...] --out <file>
//
// The output holds structure only (types, enums, required, constraints); no OCSF descriptions.
// See tests/AiSpm.Application.Tests/Outputs/Schemas/README.md for what it is used for.

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const JSON_SCHEMA_DRAFT = 'https://json-schema.org/draft/2020-12/schema';

// ---------------------------------------------------------------------------------------------
// Generic helpers

function fail(message) {
  process.stderr.write(`generate.mjs: ${message}\n`);
  process.exit(1);
}

function warn(message) {
  process.stderr.write(`generate.mjs: warning: ${message}\n`);
}

function isPlainObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function clone(v) {
  return v === undefined ? undefined : JSON.parse(JSON.stringify(v));
}

// Child values win; nested plain objects merge; an explicit null in the child replaces the parent
// value (this is how "profile": null in a subclass removes profile gating).
function deepMerge(base, over) {
  if (!isPlainObject(base) || !isPlainObject(over)) return clone(over);
  const out = clone(base);
  for (const [k, v] of Object.entries(over)) {
    out[k] = isPlainObject(out[k]) && isPlainObject(v) ? deepMerge(out[k], v) : clone(v);
  }
  return out;
}

// JSON with object keys sorted at every level, two-space indent, trailing newline.
function stableStringify(value) {
  const sortKeys = (v) => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (isPlainObject(v)) {
      const out = {};
      for (const k of Object.keys(v).sort()) out[k] = sortKeys(v[k]);
      return out;
    }
    return v;
  };
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    fail(`cannot read ${file}: ${e.message}`);
  }
}

function listJsonFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && entry.name.endsWith('.json')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reading the OCSF source

class OcsfSource {
  constructor(schemaDir) {
    this.dir = schemaDir;
    this.includeCache = new Map();
    this.version = readJson(path.join(schemaDir, 'version.json')).version;
    this.categories = readJson(path.join(schemaDir, 'categories.json')).attributes;
    const dictionary = readJson(path.join(schemaDir, 'dictionary.json'));
    this.dictionary = dictionary.attributes;
    this.types = dictionary.types.attributes;
    this.profileNames = listJsonFiles(path.join(schemaDir, 'profiles'))
      .map((f) => readJson(f))
      .filter((p) => p.meta === 'profile')
      .map((p) => p.name)
      .sort();
    this.rawClasses = this.readItems('events');
    this.rawObjects = this.readItems('objects');
    this.classes = new Map();
    this.objects = new Map();
  }

  readItems(sub) {
    const items = new Map();
    for (const file of listJsonFiles(path.join(this.dir, sub))) {
      const item = this.resolveIncludes(readJson(file), [file]);
      if (!item.name) fail(`${file} has no name`);
      if (items.has(item.name)) fail(`duplicate ${sub} name ${item.name} (${file})`);
      items.set(item.name, item);
    }
    return items;
  }

  // "$include" inside "attributes": a list (or one path) of files relative to the schema root whose
  // attributes are merged under the item's own. Attributes coming from a profile file
  // ("meta": "profile") are gated by that profile. An "$include" inside one attribute merges the
  // included file (e.g. a shared enum) under that attribute.
  resolveIncludes(item, stack) {
    if (!isPlainObject(item.attributes)) return item;
    const own = { ...item.attributes };
    const includes = own.$include === undefined ? [] : [].concat(own.$include);
    delete own.$include;
    let attributes = {};
    for (const rel of includes) {
      const included = this.loadInclude(rel, stack);
      let incAttrs = clone(included.attributes ?? {});
      if (included.meta === 'profile') {
        for (const a of Object.values(incAttrs)) a.profile = included.name;
      }
      attributes = deepMerge(attributes, incAttrs);
    }
    for (const [name, attr] of Object.entries(own)) {
      if (isPlainObject(attr) && attr.$include !== undefined) {
        let merged = {};
        for (const rel of [].concat(attr.$include)) merged = deepMerge(merged, this.loadInclude(rel, stack));
        const rest = { ...attr };
        delete rest.$include;
        own[name] = deepMerge(merged, rest);
      }
    }
    return { ...item, attributes: deepMerge(attributes, own) };
  }

  loadInclude(rel, stack) {
    const file = path.join(this.dir, rel);
    if (stack.includes(file)) fail(`include cycle: ${[...stack, file].join(' -> ')}`);
    if (!this.includeCache.has(file)) {
      if (!fs.existsSync(file)) fail(`${stack.at(-1)} includes missing file ${rel}`);
      this.includeCache.set(file, this.resolveIncludes(readJson(file), [...stack, file]));
    }
    return this.includeCache.get(file);
  }

  // "extends": top-level keys of the child replace the parent's; attributes deep-merge.
  resolveExtends(raw, resolved, name, kind, stack = []) {
    if (resolved.has(name)) return resolved.get(name);
    const item = raw.get(name);
    if (!item) fail(`unknown ${kind} ${name}${stack.length ? ` (extended by ${stack.at(-1)})` : ''}`);
    if (stack.includes(name)) fail(`extends cycle: ${[...stack, name].join(' -> ')}`);
    let out = item;
    if (item.extends && item.extends !== name) {
      const base = this.resolveExtends(raw, resolved, item.extends, kind, [...stack, name]);
      out = { ...base, ...item, attributes: deepMerge(base.attributes ?? {}, item.attributes ?? {}) };
      delete out.extends;
    }
    resolved.set(name, out);
    return out;
  }

  cls(name) {
    return this.resolveExtends(this.rawClasses, this.classes, name, 'class');
  }

  object(name) {
    if (name.startsWith('_')) fail(`abstract object ${name} used as a type`);
    return this.resolveExtends(this.rawObjects, this.objects, name, 'object');
  }

  hasObject(name) {
    return this.rawObjects.has(name) && !name.startsWith('_');
  }
}

// ---------------------------------------------------------------------------------------------
// Compiling to JSON Schema

class Compiler {
  constructor(src, profiles) {
    this.src = src;
    this.profiles = new Set(profiles);
    this.defs = {};
    this.pending = [];
    this.droppedRegex = new Set();
  }

  // The dictionary entry with the class/object attribute merged over it, or null when the attribute
  // is gated by a profile that is not selected.
  attribute(name, local, owner) {
    const base = this.src.dictionary[name];
    if (!base) fail(`${owner}: attribute ${name} is not in dictionary.json`);
    const attr = deepMerge(base, local ?? {});
    if (attr.profile != null && !this.profiles.has(attr.profile)) return null;
    return attr;
  }

  // Walks a dictionary type up to its primitive, collecting the nearest max_len / range / values
  // (the type's own first, then its super types, as OCSF's validator does).
  primitive(typeName) {
    const facts = {};
    let t = typeName;
    const seen = [];
    for (;;) {
      const def = this.src.types[t];
      if (!def) fail(`unknown dictionary type ${t}`);
      if (seen.includes(t)) fail(`type cycle at ${t}`);
      seen.push(t);
      for (const k of ['max_len', 'range', 'values']) if (def[k] !== undefined && facts[k] === undefined) facts[k] = def[k];
      if (def.regex !== undefined) this.droppedRegex.add(t);
      if (!def.type) return { primitive: t, facts };
      t = def.type;
    }
  }

  valueSchema(attr, owner, name) {
    const type = attr.type;
    if (!type) fail(`${owner}.${name} has no type`);
    let schema;
    if (this.src.types[type]) {
      const { primitive, facts } = this.primitive(type);
      switch (primitive) {
        case 'string_t': schema = { type: 'string' }; break;
        case 'integer_t': case 'long_t': schema = { type: 'integer' }; break;
        case 'float_t': schema = { type: 'number' }; break;
        case 'boolean_t': schema = { type: 'boolean' }; break;
        case 'json_t': schema = {}; break;
        default: fail(`${owner}.${name}: unsupported primitive type ${primitive}`);
      }
      if (facts.max_len !== undefined && schema.type === 'string') schema.maxLength = facts.max_len;
      if (facts.range !== undefined && (schema.type === 'integer' || schema.type === 'number')) {
        [schema.minimum, schema.maximum] = facts.range;
      }
      if (facts.values !== undefined && schema.type !== 'boolean') schema.enum = [...facts.values];
      if (isPlainObject(attr.enum)) {
        const keys = Object.keys(attr.enum);
        if (schema.type === 'integer') {
          const ints = keys.map((k) => {
            const n = Number(k);
            if (!Number.isInteger(n)) fail(`${owner}.${name}: enum key ${k} is not an integer`);
            return n;
          });
          schema.enum = [...new Set(ints)].sort((a, b) => a - b);
        } else if (schema.type === 'string') {
          schema.enum = keys.sort();
        } else {
          fail(`${owner}.${name}: enum on type ${type} is not supported`);
        }
      }
    } else if (this.src.hasObject(type)) {
      schema = { $ref: `#/$defs/${type}` };
      this.requireObject(type);
    } else {
      fail(`${owner}.${name}: type ${type} is neither a dictionary type nor an object`);
    }
    return attr.is_array === true ? { type: 'array', items: schema } : schema;
  }

  // Properties, required and constraints of a class or object.
  body(item, kind) {
    const owner = `${kind} ${item.name}`;
    const properties = {};
    const required = [];
    for (const [name, local] of Object.entries(item.attributes ?? {})) {
      const attr = this.attribute(name, local, owner);
      if (!attr) continue;
      properties[name] = this.valueSchema(attr, owner, name);
      if (attr.requirement === 'required') required.push(name);
      // The datetime profile adds an RFC 3339 string sibling "<name>_dt" to every timestamp_t
      // attribute (the profile file itself lists no attributes).
      if (this.profiles.has('datetime') && attr.type === 'timestamp_t' && !item.attributes[`${name}_dt`]) {
        properties[`${name}_dt`] = this.valueSchema({ type: 'datetime_t', is_array: attr.is_array }, owner, `${name}_dt`);
      }
    }
    const schema = { type: 'object' };
    if (Object.keys(properties).length === 0) return schema; // OCSF: no attributes = open object
    schema.properties = properties;
    schema.additionalProperties = false;
    if (required.length) schema.required = required.sort();
    const constraints = this.constraints(item, owner, properties);
    if (constraints.length === 1) Object.assign(schema, constraints[0]);
    else if (constraints.length > 1) schema.allOf = constraints;
    return schema;
  }

  constraints(item, owner, properties) {
    const out = [];
    for (const [kind, names] of Object.entries(item.constraints ?? {})) {
      const present = names.filter((n) => properties[n]);
      if (present.length !== names.length) {
        warn(`${owner}: constraint ${kind} names attributes not present with these profiles: ${names.filter((n) => !properties[n]).join(', ')}`);
      }
      if (present.length === 0) fail(`${owner}: constraint ${kind} cannot be satisfied with these profiles`);
      const alternatives = present.map((n) => ({ required: [n] }));
      if (kind === 'at_least_one') out.push({ anyOf: alternatives });
      else if (kind === 'just_one') out.push({ oneOf: alternatives });
      else fail(`${owner}: unsupported constraint ${kind}`);
    }
    return out;
  }

  requireObject(name) {
    if (this.defs[name] !== undefined) return;
    this.defs[name] = null; // placeholder: recursion-safe
    this.pending.push(name);
  }

  drain() {
    while (this.pending.length) {
      const name = this.pending.shift();
      this.defs[name] = this.body(this.src.object(name), 'object');
    }
  }

  compileClass(className) {
    const cls = this.src.cls(className);
    if (cls.uid === undefined) fail(`class ${className} has no uid (abstract)`);
    const category = this.src.categories[cls.category];
    if (!category) fail(`class ${className} has unknown category ${cls.category}`);
    const classUid = category.uid * 1000 + cls.uid;

    const root = this.body(cls, 'class');
    const props = root.properties;
    for (const n of ['activity_id', 'class_uid', 'category_uid', 'type_uid', 'metadata']) {
      if (!props[n]) fail(`class ${className} has no ${n}`);
    }
    props.class_uid = { type: 'integer', enum: [classUid] };
    props.category_uid = { type: 'integer', enum: [category.uid] };
    const activities = props.activity_id.enum ?? [];
    props.type_uid = { type: 'integer', enum: activities.map((a) => classUid * 100 + a) };

    // Checks OCSF's own validator makes on a whole event: type_uid = class_uid * 100 + activity_id,
    // metadata.version is the schema version, listed profiles exist, and the compiled-in profiles
    // are declared in metadata.profiles.
    const eventRules = activities.map((a) => ({
      if: { properties: { activity_id: { const: a } }, required: ['activity_id'] },
      then: { properties: { type_uid: { const: classUid * 100 + a } } },
    }));
    const metadataRule = {
      properties: {
        metadata: {
          properties: {
            version: { const: this.src.version },
            profiles: { items: { enum: this.src.profileNames } },
          },
        },
      },
    };
    const profileRules = [...this.profiles].sort().map((p) => ({
      properties: { metadata: { properties: { profiles: { contains: { const: p } } }, required: ['profiles'] } },
    }));
    const extra = [...eventRules, metadataRule, ...profileRules];
    root.allOf = [...(root.allOf ?? []), ...(root.anyOf || root.oneOf ? [pick(root, ['anyOf', 'oneOf'])] : []), ...extra];
    delete root.anyOf;
    delete root.oneOf;

    this.drain();
    return { cls, classUid, root };
  }
}

function pick(obj, keys) {
  const out = {};
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}

function titleCase(name) {
  return name.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

// ---------------------------------------------------------------------------------------------

function main() {
  let args;
  try {
    args = parseArgs({
      options: {
        'schema-dir': { type: 'string' },
        class: { type: 'string' },
        profile: { type: 'string', multiple: true, default: [] },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (e) {
    fail(e.message);
  }
  if (args.help || !args['schema-dir'] || !args.class || !args.out) {
    process.stdout.write('usage: node generate.mjs --schema-dir <ocsf-schema checkout> --class <name> [--profile <name> ...] --out <file>\n');
    process.exit(args.help ? 0 : 2);
  }

  const src = new OcsfSource(path.resolve(args['schema-dir']));
  const profiles = [...new Set(args.profile)].sort();
  for (const p of profiles) if (!src.profileNames.includes(p)) fail(`unknown profile ${p} (known: ${src.profileNames.join(', ')})`);

  const compiler = new Compiler(src, profiles);
  const { cls, root } = compiler.compileClass(args.class);
  const caption = cls.caption ?? titleCase(cls.name);
  const profileText = profiles.length ? ` (${profiles.join(', ')} profile${profiles.length > 1 ? 's' : ''})` : '';

  const schema = {
    $schema: JSON_SCHEMA_DRAFT,
    $id: `urn:ocsf-jsonschema:${src.version}:${cls.name}${profiles.map((p) => `:${p}`).join('')}`,
    title: `OCSF ${src.version} ${caption}${profileText}`,
    ...root,
    $defs: compiler.defs,
  };

  fs.mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
  fs.writeFileSync(args.out, stableStringify(schema));
  if (compiler.droppedRegex.size) {
    warn(`regex not carried over for types: ${[...compiler.droppedRegex].sort().join(', ')} (OCSF only warns on regex mismatches)`);
  }
  process.stderr.write(`generate.mjs: wrote ${args.out}: class ${cls.name}, ${Object.keys(compiler.defs).length} objects\n`);
}

main();
