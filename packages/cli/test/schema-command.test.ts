import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runSchema, schemaKinds } from '../src/commands/schema.ts';
import { memoryIo } from './helpers/memory-io.ts';

describe('spoke schema', () => {
  test('prints every kind keyed by name, config included', async () => {
    const io = memoryIo();
    await runSchema(undefined, {}, io);
    const all = JSON.parse(io.out());
    expect(Object.keys(all)).toEqual(schemaKinds());
    expect(all['crm-card.fetch']).toMatchObject({
      method: ['GET'],
      request: { title: 'crm-card.fetch.request' },
    });
  });

  test('prints one side of a kind, and the config schema with the 25-card limit', async () => {
    const side = memoryIo();
    await runSchema('share-via.fetch-recipients.response', {}, side);
    expect(JSON.parse(side.out())).toMatchObject({
      title: 'share-via.fetch-recipients.response',
      type: 'object',
    });
    const config = memoryIo();
    await runSchema('config', {}, config);
    const schema = JSON.parse(config.out());
    expect(schema).toMatchObject({ title: 'spoke.config.json', additionalProperties: false });
    expect(schema.properties.cards.maxItems).toBe(25);
    expect(schema.properties.cards.items.required).toEqual(
      expect.arrayContaining(['key', 'title', 'fetch', 'display', 'actions']),
    );
  });

  test('writes one file per kind with --out', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'spoke-schema-'));
    const io = memoryIo({ cwd: dir });
    await runSchema(undefined, { out: 'schemas', json: true }, io);
    const files = await readdir(join(dir, 'schemas'));
    expect(files.sort()).toEqual(
      schemaKinds()
        .map((k) => `${k}.schema.json`)
        .sort(),
    );
    expect(JSON.parse(await readFile(join(dir, 'schemas', 'config.schema.json'), 'utf8')).title).toBe(
      'spoke.config.json',
    );
    expect(JSON.parse(io.out())).toMatchObject({ ok: true, files: expect.any(Array) });
  });

  test('refuses an unknown kind as a usage error', async () => {
    await expect(runSchema('crm-card.nope', {}, memoryIo())).rejects.toMatchObject({
      code: 'CLI_OPTION_INVALID',
      exitCode: 2,
    });
  });
});
