#!/usr/bin/env node
// Prunes the CloudFormation resource specification of the npm package @aws-cdk/aws-service-spec
// (its db.json.gz) to what `wlm validate` checks: every resource type's properties with their
// types, `required` and allowed values, and the property types they use. Documentation,
// attributes, metrics and events are dropped. See tools/cfn-spec/README.md.
//
// Usage: node tools/cfn-spec/prune.js <unpacked package dir> <output .json.gz>
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const [packageDir, output] = process.argv.slice(2);
if (!packageDir || !output) {
  console.error('usage: node prune.js <unpacked @aws-cdk/aws-service-spec dir> <output .json.gz>');
  process.exit(2);
}
const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
const schema = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(packageDir, 'db.json.gz')))).schema;
const resources = schema.resource.entities;
// Entities are stored under their position; references name their $id.
const typeDefinitions = {};
for (const t of Object.values(schema.typeDefinition.entities)) typeDefinitions[t.$id] = t;

// A type definition is named after the resource whose properties reach it:
// AWS::Service::Resource.TypeName.
const typeNames = {};
function reach(t, owner) {
  if (t.element) reach(t.element, owner);
  (t.types || []).forEach(u => reach(u, owner));
  if (t.type === 'ref' && typeDefinitions[t.reference.$ref] && !typeNames[t.reference.$ref]) {
    const id = t.reference.$ref;
    typeNames[id] = owner + '.' + typeDefinitions[id].name;
    reachAll(typeDefinitions[id].properties, owner);
  }
}
function reachAll(props, owner) {
  for (const p of Object.values(props || {})) {
    reach(p.type, owner);
    (p.previousTypes || []).forEach(t => reach(t, owner));
  }
}
for (const r of Object.values(resources)) reachAll(r.properties, r.cloudFormationType);

// string, integer, number, boolean, json, date-time, tag; or {array: T}, {map: T}, {ref: name},
// {union: [T...]}, {enum: [values], of: scalar}.
function type(t) {
  switch (t.type) {
    case 'array': return { array: type(t.element) };
    case 'map': return { map: type(t.element) };
    // A few references point at no type definition: anything is accepted there.
    case 'ref': return typeNames[t.reference.$ref] ? { ref: typeNames[t.reference.$ref] } : 'json';
    case 'union': return { union: t.types.map(type) };
    default:
      return t.allowedValues ? { enum: t.allowedValues.map(String), of: t.type } : t.type;
  }
}

function properties(props) {
  const out = {};
  for (const name of Object.keys(props || {}).sort()) {
    const p = props[name];
    const entry = { type: type(p.type) };
    if (p.required) entry.required = true;
    if (p.previousTypes && p.previousTypes.length) entry.previousTypes = p.previousTypes.map(type);
    out[name] = entry;
  }
  return out;
}

const spec = {
  source: { package: pkg.name, version: pkg.version, license: pkg.license },
  resources: {},
  types: {},
};
for (const r of Object.values(resources).sort((a, b) => a.cloudFormationType.localeCompare(b.cloudFormationType))) {
  spec.resources[r.cloudFormationType] = properties(r.properties);
}
for (const [id, name] of Object.entries(typeNames).sort((a, b) => a[1].localeCompare(b[1]))) {
  spec.types[name] = properties(typeDefinitions[id].properties);
}
fs.writeFileSync(output, zlib.gzipSync(JSON.stringify(spec), { level: 9 }));
console.log(`${pkg.name}@${pkg.version}: ${Object.keys(spec.resources).length} resource types, `
  + `${Object.keys(spec.types).length} property types -> ${output} (${fs.statSync(output).size} bytes)`);
