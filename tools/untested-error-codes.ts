// Usage: node --import tsx tools/untested-error-codes.ts
// Lists the error codes registered in each package's src/errors.ts that no test file names
// (a test that produces a code asserts it by name: `code: 'X'`, `toBe('X')`, or the docs/errors.md
// anchor a message ends with). Exit 1 if any.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const skip = new Set(['node_modules', 'dist', '.git', '.spoke']);

function files(dir: string, keep: (path: string) => boolean, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files(path, keep, out);
    else if (keep(path)) out.push(path);
  }
  return out;
}

/** The codes of one errors.ts: the keys of its `…ErrorCodes = { CODE: status, … }` objects. */
export function codesOf(source: string): string[] {
  const codes: string[] = [];
  for (const block of source.matchAll(/ErrorCodes\s*=\s*\{([\s\S]*?)\}\s*as const/g)) {
    for (const key of (block[1] ?? '').matchAll(/^\s*([A-Z][A-Z0-9_]+)\s*:/gm)) codes.push(key[1] ?? '');
  }
  return codes;
}

const isTest = (path: string) => /\.test\.tsx?$/.test(path) || /[/\\]test[/\\].*\.tsx?$/.test(path);
const testText = files(root, isTest)
  .map((path) => readFileSync(path, 'utf8'))
  .join('\n');
let missing = 0;
for (const errorsFile of files(join(root, 'packages'), (path) => /[/\\]src[/\\]errors\.ts$/.test(path))) {
  // Named: the code itself, or its row in docs/errors.md (what a warning prints instead of the code).
  const untested = codesOf(readFileSync(errorsFile, 'utf8')).filter(
    (code) =>
      !new RegExp(`\\b${code}\\b`).test(testText) &&
      !testText.includes(`errors.md#${code.toLowerCase().replaceAll('_', '-')}`),
  );
  missing += untested.length;
  for (const code of untested) console.log(`${relative(root, errorsFile)}\t${code}`);
}
console.log(`${missing} code(s) named by no test`);
process.exitCode = missing > 0 ? 1 : 0;
