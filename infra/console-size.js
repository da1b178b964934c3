// Prints the console's initial JavaScript (the entry chunk and every chunk it imports statically,
// each gzip -9) from Vite's manifest, and exits 1 above the limit (400 KB; CONSOLE_MAX_INITIAL_KB).
// Usage: node infra/console-size.js services/console/dist
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { gzipSync } = require('node:zlib');

const dist = process.argv[2] ?? 'services/console/dist';
const limitKb = Number(process.env.CONSOLE_MAX_INITIAL_KB ?? 400);
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
const entries = Object.keys(manifest).filter((key) => manifest[key].isEntry);
const initial = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || initial.has(chunk.file)) return;
  initial.add(chunk.file);
  for (const imported of chunk.imports ?? []) visit(imported);
};
entries.forEach(visit);
let total = 0;
const lines = [];
for (const file of initial) {
  if (!file.endsWith('.js')) continue;
  const size = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  total += size;
  lines.push(`  ${file}  ${(size / 1024).toFixed(1)} KB`);
}
const lazy = Object.values(manifest).filter((chunk) => chunk.file.endsWith('.js') && !initial.has(chunk.file)).length;
console.log(`console: initial JavaScript ${(total / 1024).toFixed(1)} KB gzipped (limit ${limitKb} KB; ${initial.size} chunks, ${lazy} lazy chunks)`);
for (const line of lines) console.log(line);
if (total > limitKb * 1024) {
  console.error(`console: initial JavaScript ${(total / 1024).toFixed(1)} KB is above the ${limitKb} KB limit: lazy-load pages and heavy libraries`);
  process.exit(1);
}
