import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { createEmulator, createSqliteStore } from '@spoke/emulator';
import { afterEach, describe, expect, test } from 'vitest';
import { runEmulator } from '../src/commands/emulator.ts';
import { reportError } from '../src/output/report-error.ts';
import { memoryIo } from './helpers/memory-io.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spoke-cli-data-'));
  dirs.push(dir);
  return dir;
}

const options = (data: string) => ({ port: '0', host: '127.0.0.1', data });

describe('spoke emulator and its data file', () => {
  test('a row that does not decode: the emulator starts and prints a warning with the repair', async () => {
    const data = join(tempDir(), 'emulator.db');
    const store = await createSqliteStore({ url: data });
    await (await createEmulator({ store })).close();
    await store.close();
    const raw = createClient({ url: `file:${data}` });
    await raw.execute("INSERT INTO records (id, scope, doc) VALUES ('777', 'contacts', '{broken')");
    raw.close();

    const io = memoryIo({ fetch: globalThis.fetch });
    const code = await runEmulator(options(data), io, async () => {
      const url = /ready at (\S+)/.exec(io.out())?.[1] ?? '';
      expect((await fetch(`${url}/_spoke/health`)).status).toBe(200);
    });
    expect(code).toBe(0);
    expect(io.err()).toMatch(
      /warn \[spoke\] records row 777 in the data file does not decode.*PUT \/_spoke\/state/,
    );
  });

  test('a data folder that cannot be created: the message names the path and --data, not a bare SQLite code', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), 'x');
    const data = join(dir, 'file', 'emulator.db');
    const io = memoryIo();
    const error = await runEmulator(options(data), io, async () => undefined).then(
      () => null,
      (e: unknown) => e,
    );
    expect(reportError(io, error)).toBe(1);
    expect(io.err()).toContain(`cannot open the data file ${data}`);
    expect(io.err()).toContain('spoke emulator --data <file>');
    expect(io.out()).not.toContain('ready at');
  });
});
