#!/usr/bin/env node
// The `coral` command. In a source checkout it runs the TypeScript sources through tsx, so it is never
// stale; an installed package without sources runs the build in dist/.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const root = new URL('../', import.meta.url);
const source = new URL('src/cli/main.ts', root);
const built = new URL('dist/cli/main.js', root);

function hasTsx() {
  try {
    createRequire(import.meta.url).resolve('tsx/esm/api');
    return true;
  } catch {
    return false;
  }
}

if (existsSync(source) && hasTsx()) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else if (existsSync(built)) {
  await import(built.href);
} else {
  process.stderr.write('coral: no build found. Run `npm install` and `npm run build` in the Coral folder.\n');
  process.exitCode = 1;
}
