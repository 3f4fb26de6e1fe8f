import { describe, expect, test } from 'vitest';
import { type CollectionEntry, createSnapshotCache } from './snapshot-cache.ts';

/** A table whose load the test releases by hand, to interleave loads and writes. */
function controlledTable() {
  let rows: CollectionEntry<{ name: string }>[] = [{ id: '1', scope: '', value: { name: 'first' } }];
  const pending: (() => void)[] = [];
  let loads = 0;
  const load = () => {
    loads += 1;
    const seen = rows.map((row) => ({ ...row, value: { ...row.value } }));
    return new Promise<CollectionEntry<{ name: string }>[]>((resolve) => pending.push(() => resolve(seen)));
  };
  return {
    load,
    write(name: string) {
      rows = [{ id: '1', scope: '', value: { name } }];
    },
    release: () => pending.shift()?.(),
    loads: () => loads,
  };
}

describe('createSnapshotCache', () => {
  test('loads once for concurrent readers and keeps the snapshot until invalidated', async () => {
    const table = controlledTable();
    const cache = createSnapshotCache(table.load);
    const both = Promise.all([cache.read(), cache.read()]);
    table.release();
    const [a, b] = await both;
    expect(a).toBe(b);
    expect(await cache.read()).toBe(a);
    expect(table.loads()).toBe(1);
    cache.invalidate();
    const next = cache.read();
    table.release();
    expect((await next).byId.get('1')?.value.name).toBe('first');
    expect(table.loads()).toBe(2);
  });

  test('does not keep a load that raced a write: the next read sees the write', async () => {
    const table = controlledTable();
    const cache = createSnapshotCache(table.load);
    const stale = cache.read();
    table.write('second');
    cache.invalidate();
    table.release();
    expect((await stale).byId.get('1')?.value.name).toBe('first');
    const fresh = cache.read();
    table.release();
    expect((await fresh).byId.get('1')?.value.name).toBe('second');
    expect(table.loads()).toBe(2);
  });

  test('freezes what it hands out, so no caller can change the cached copy', async () => {
    const table = controlledTable();
    const cache = createSnapshotCache(table.load);
    const read = cache.read();
    table.release();
    const { entries } = await read;
    const entry = entries[0] as CollectionEntry<{ name: string }>;
    expect(Object.isFrozen(entries)).toBe(true);
    expect(() => {
      (entry.value as { name: string }).name = 'changed';
    }).toThrow(TypeError);
  });

  test('a failed load is not kept: the next read tries again', async () => {
    let fail = true;
    const cache = createSnapshotCache(async () => {
      if (fail) throw new Error('disk');
      return [];
    });
    await expect(cache.read()).rejects.toThrow('disk');
    fail = false;
    expect((await cache.read()).entries).toEqual([]);
  });
});
