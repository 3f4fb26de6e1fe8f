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

/** One registered code no test names. */
export interface UntestedCode {
  /** The errors.ts registering it, relative to `root`. */
  file: string;
  code: string;
}

/**
 * The codes registered in `root`'s packages and examples (each `…/src/errors.ts`) that no test
 * file under `root` names: the code itself, or its row in docs/errors.md (what a warning prints
 * instead of the code).
 */
export function untestedCodes(root: string): UntestedCode[] {
  const testText = files(root, isTest)
    .map((path) => readFileSync(path, 'utf8'))
    .join('\n');
  const untested: UntestedCode[] = [];
  for (const errorsFile of files(root, (path) => /[/\\]src[/\\]errors\.ts$/.test(path))) {
    for (const code of codesOf(readFileSync(errorsFile, 'utf8'))) {
      if (new RegExp(`\\b${code}\\b`).test(testText)) continue;
      if (testText.includes(`errors.md#${code.toLowerCase().replaceAll('_', '-')}`)) continue;
      untested.push({ file: relative(root, errorsFile), code });
    }
  }
  return untested;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const missing = untestedCodes(root);
  for (const { file, code } of missing) console.log(`${file}\t${code}`);
  console.log(`${missing.length} code(s) named by no test`);
  process.exitCode = missing.length > 0 ? 1 : 0;
}
