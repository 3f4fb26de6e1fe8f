#!/usr/bin/env node
// The `create-spoke` command (`npm create spoke@latest`). An installed copy runs the build in
// dist/ under plain node. A clone of the Spoke repository (which has the package's
// tsconfig.build.json; a published copy does not) runs the TypeScript source through tsx with the
// `@spoke/source` condition, so a stale dist/ never hides an edit (docs/decisions/0001).
import { existsSync } from 'node:fs';
import { register } from 'node:module';

if (existsSync(new URL('../tsconfig.build.json', import.meta.url))) {
  register('./source-conditions.js', import.meta.url);
  const tsx = await import('tsx/esm/api');
  tsx.register();
  await import('../src/main.ts');
} else {
  await import('../dist/main.js');
}
