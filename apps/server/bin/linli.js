#!/usr/bin/env node
// Linli runs on Node ≥ 22.12 with TypeScript type stripping; the repo pins Node 24 as a devDependency.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli.ts');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  // fall back to the pinned Node from node_modules when the system one is too old
  const pinned = path.join(
    path.dirname(fileURLToPath(import.meta.url)),
    '..',
    '..',
    '..',
    'node_modules',
    '.bin',
    'node',
  );
  const r = spawnSync(pinned, [cli, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
await import(cli);
