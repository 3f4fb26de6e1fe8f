#!/usr/bin/env node
// The `spoke` command. A published install runs the build in dist/; inside the monorepo, where
// there is no build, it runs the TypeScript source through tsx (docs/decisions/0001).
import { existsSync } from 'node:fs';
import { register } from 'node:module';

const built = new URL('../dist/main.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  register('./source-conditions.js', import.meta.url);
  const tsx = await import('tsx/esm/api');
  tsx.register();
  await import('../src/main.ts');
}
