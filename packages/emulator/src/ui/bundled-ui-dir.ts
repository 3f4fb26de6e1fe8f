import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The published package carries the built web UI in dist/ui (docs/decisions/0008). From
// dist/ui/bundled-ui-dir.js that is this folder's sibling files; from src/ui/ (the monorepo after
// `npm run build`) it is ../../dist/ui.
const candidates = ['./app/', '../../dist/ui/app/'];

/** The web UI build that ships inside `@spoke/emulator`, or undefined when this copy has none. */
export function bundledUiDir(): string | undefined {
  for (const candidate of candidates) {
    const dir = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(`${dir}index.html`)) return dir;
  }
  return undefined;
}
