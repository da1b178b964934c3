// The stamp of node_modules: the SHA-256 of the package-lock.json it was installed from, in
// node_modules/.handover-lock.sha256. `write` records it (package.json "postinstall", so a plain
// `npm ci` or `npm install` leaves it too); `check` exits 0 when node_modules matches the lockfile.
// infra/ensure-deps.sh runs npm ci when `check` fails. Runs on any Node.js that runs npm.
const { createHash } = require('node:crypto');
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const stamp = join(root, 'node_modules', '.handover-lock.sha256');
const lockHash = () => createHash('sha256').update(readFileSync(join(root, 'package-lock.json'))).digest('hex');

switch (process.argv[2]) {
  case 'write':
    if (existsSync(join(root, 'node_modules'))) writeFileSync(stamp, `${lockHash()}\n`);
    break;
  case 'check':
    process.exit(existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === lockHash() ? 0 : 1);
    break;
  default:
    console.error('usage: node infra/lock-stamp.js write|check');
    process.exit(2);
}
