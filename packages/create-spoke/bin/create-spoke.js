#!/usr/bin/env node
// The `create-spoke` command (`npm create spoke@latest`). A published install runs the build in
// dist/; inside the monorepo, where src/ is present, it runs the TypeScript source through tsx with
// the `@spoke/source` export condition (docs/decisions/0001).
import { existsSync } from 'node:fs';
import { register } from 'node:module';

const source = new URL('../src/main.ts', import.meta.url);
if (existsSync(source)) {
  register('./source-conditions.js', import.meta.url);
  const tsx = await import('tsx/esm/api');
  tsx.register();
  await import(source.href);
} else {
  await import('../dist/main.js');
}
