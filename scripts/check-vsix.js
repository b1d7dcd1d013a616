#!/usr/bin/env node
// Checks the packaged .vsix against .vscodeignore's promise: the bundle, the manifest, README,
// CHANGELOG, LICENSE and media, and nothing else (no sources, tests, source maps or node_modules).
// Prints the file list and sizes. Usage: node scripts/check-vsix.js [file.vsix]
'use strict';

const fs = require('fs');
const { version, name } = require('../package.json');

const vsix = process.argv[2] || `${name}-${version}.vsix`;
if (!fs.existsSync(vsix)) {
  console.error(`${vsix} does not exist: run \`npm run package\` first.`);
  process.exit(1);
}
// A .vsix is a zip; `unzip` may be absent, so read the central directory ourselves.
const buf = fs.readFileSync(vsix);
const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
const count = buf.readUInt16LE(eocd + 10);
let off = buf.readUInt32LE(eocd + 16);
const files = [];
for (let i = 0; i < count; i++) {
  const size = buf.readUInt32LE(off + 24);
  const nameLen = buf.readUInt16LE(off + 28);
  const extraLen = buf.readUInt16LE(off + 30);
  const commentLen = buf.readUInt16LE(off + 32);
  files.push({ path: buf.toString('utf8', off + 46, off + 46 + nameLen), size });
  off += 46 + nameLen + extraLen + commentLen;
}
const allowed = [
  /^\[Content_Types\]\.xml$/, /^extension\.vsixmanifest$/,
  /^extension\/dist\/(extension|main|nccoValidator|phoneNumberReader)\.js$/, /^extension\/package\.json$/, /^extension\/readme\.md$/i,
  /^extension\/changelog\.md$/i, /^extension\/LICENSE(\.txt)?$/i, /^extension\/media\//,
];
const required = ['extension/dist/extension.js', 'extension/dist/main.js', 'extension/dist/nccoValidator.js', 'extension/dist/phoneNumberReader.js', 'extension/package.json', 'extension/readme.md', 'extension/changelog.md'];
console.log(`${vsix}: ${fs.statSync(vsix).size} bytes, ${files.length} files`);
for (const f of files) console.log(`  ${String(f.size).padStart(9)}  ${f.path}`);
const unexpected = files.filter((f) => !allowed.some((re) => re.test(f.path)));
const lower = files.map((f) => f.path.toLowerCase());
const absent = required.filter((r) => !lower.includes(r.toLowerCase()));
if (!lower.some((p) => p.startsWith('extension/license'))) absent.push('extension/LICENSE');
if (unexpected.length || absent.length) {
  if (unexpected.length) console.error(`Unexpected files in the .vsix: ${unexpected.map((f) => f.path).join(', ')}`);
  if (absent.length) console.error(`Missing from the .vsix: ${absent.join(', ')}`);
  process.exit(1);
}
console.log('vsix contents OK');
