#!/usr/bin/env node
// The `kith` command runs the compiled CLI (built by `npm install` through the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  console.error('kith: the build is missing; run `npm install` (or `npm run build`) in the Kith folder first');
  process.exit(1);
}
await import(main.href);
