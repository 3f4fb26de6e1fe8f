import { readFileSync } from 'node:fs';
import { cliErrorCodes } from '@spoke/cli';
import { emulatorErrorCodes } from '@spoke/emulator';
// The UI exports its registry for this test; the example is an app without an export map, so its registry is read from source.
import { uiErrorCodes } from '@spoke/emulator-ui/errors';
import { frameworkErrorCodes } from '@spoke/framework';
import { protocolErrorCodes } from '@spoke/protocol';
import { createSpokeErrorCodes } from 'create-spoke';
import { describe, expect, test } from 'vitest';
import { bugTrackerErrorCodes } from '../examples/bug-tracker/src/errors.ts';

// Every package's registry; a code documented but not registered (or the reverse) fails here.
const registries: Record<string, Record<string, number>> = {
  '@spoke/protocol': protocolErrorCodes,
  '@spoke/framework': frameworkErrorCodes,
  '@spoke/emulator': emulatorErrorCodes,
  '@spoke/cli': cliErrorCodes,
  'create-spoke': createSpokeErrorCodes,
  '@spoke/emulator-ui': uiErrorCodes,
  'examples/bug-tracker': bugTrackerErrorCodes,
};

const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
const rowPattern = /^\| <a id="([a-z0-9-]+)"><\/a>`([A-Z0-9_]+)` \| (\d{3}) \|(.*)$/gm;
const rows = [...doc.matchAll(rowPattern)].map(([, anchor, code, status, rest]) => ({
  anchor,
  code,
  status: Number(status),
  cells: (rest ?? '').split('|').map((c) => c.trim()),
}));

describe('docs/errors.md', () => {
  const registered = Object.entries(registries).flatMap(([pkg, codes]) =>
    Object.entries(codes).map(([code, status]) => ({ pkg, code, status })),
  );

  test('documents every registered code with its status', () => {
    const missing = registered.filter(
      (r) => !rows.some((row) => row.code === r.code && row.status === r.status),
    );
    expect(missing).toEqual([]);
  });

  test('documents no code that is not registered', () => {
    const extra = rows.filter((row) => !registered.some((r) => r.code === row.code));
    expect(extra.map((r) => r.code)).toEqual([]);
  });

  test('gives each code one row, an anchor in kebab case, and text in every column', () => {
    const codes = rows.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const row of rows) {
      expect(row.anchor).toBe(row.code?.toLowerCase().replaceAll('_', '-'));
      expect(row.cells.filter((c) => c.length > 0).length, `${row.code} needs what/cause/fix`).toBe(3);
    }
  });

  test('no package registers a code another package already uses', () => {
    const codes = registered.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
