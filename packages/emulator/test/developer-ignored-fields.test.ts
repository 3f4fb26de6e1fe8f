import type { Emulator } from '@spoke/emulator';
import type { CardDefinition } from '@spoke/protocol';
import { afterEach, describe, expect, test } from 'vitest';
import { call, cardBody, testEmulator, withKey } from './helpers/test-emulator.ts';

const cards = '/crm/v3/extensions/cards-dev/1000';
const calling = '/crm/v3/extensions/calling/1000/settings';
let emulator: Emulator | undefined;
afterEach(() => emulator?.close());

async function start() {
  const logged: { message: string; details?: Record<string, unknown> }[] = [];
  const log = (message: string, details?: Record<string, unknown>) => {
    logged.push(details === undefined ? { message } : { message, details });
  };
  emulator = await testEmulator({ logger: { debug: () => {}, info: () => {}, warn: log, error: () => {} } });
  return { emulator, logged };
}

/** The quoted texts of `Warning: 299 spoke "…"` headers (fetch joins repeated headers with ", "). */
function warnings(headers: Headers): string[] {
  const value = headers.get('warning') ?? '';
  return [...value.matchAll(/299 spoke "((?:[^"\\]|\\.)*)"/g)].map((match) =>
    (match[1] ?? '').replace(/\\(.)/g, '$1'),
  );
}

describe('the developer API tells the developer what HubSpot ignored, and answers as HubSpot does', () => {
  test('misplaced fields of a created card come back as Warning headers and in the log', async () => {
    const { emulator, logged } = await start();
    const body = cardBody() as Record<string, unknown>;
    const created = await call<CardDefinition>(emulator, 'POST', withKey(cards), {
      ...body,
      targetUrl: 'https://service.test/other',
      baseUrls: ['https://service.test'],
      fetch: { ...(body.fetch as object), propertiesToSend: ['email'] },
    });
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('targetUrl');
    expect(created.body.fetch).toEqual(body.fetch);
    expect(warnings(created.headers)).toEqual([
      'baseUrls: HubSpot ignores `baseUrls` here; it belongs at actions.baseUrls',
      'fetch.propertiesToSend: HubSpot ignores `propertiesToSend` here; it belongs at fetch.objectTypes[].propertiesToSend (one list per object type)',
      'targetUrl: HubSpot ignores `targetUrl` here; it belongs at fetch.targetUrl',
    ]);
    expect(logged).toHaveLength(1);
    expect(logged[0]?.message).toContain(`POST ${cards}: HubSpot ignores 3 fields of the body`);
    expect(logged[0]?.details).toMatchObject({ code: 'API_FIELD_IGNORED' });
  });

  test('a patch with a misspelled field says so; a clean body carries no Warning', async () => {
    const { emulator, logged } = await start();
    const created = await call<CardDefinition>(emulator, 'POST', withKey(cards), cardBody());
    expect(created.headers.get('warning')).toBeNull();
    const patched = await call(emulator, 'PATCH', withKey(`${cards}/${created.body.id}`), {
      titel: 'Bugs',
      id: '99',
    });
    expect(patched.status).toBe(200);
    expect(warnings(patched.headers)).toEqual([
      "id: `id` is set by HubSpot; a request body's is ignored",
      'titel: HubSpot ignores `titel`; did you mean `title`?',
    ]);
    expect(logged).toHaveLength(1);
  });

  test('calling settings get the same warnings', async () => {
    const { emulator } = await start();
    const created = await call(emulator, 'POST', withKey(calling), {
      name: 'Dialer',
      url: 'https://dial.test/app',
      heigth: 400,
    });
    expect(created.status).toBe(200);
    expect(warnings(created.headers)).toEqual(['heigth: HubSpot ignores `heigth`; did you mean `height`?']);
  });

  test('past twenty ignored fields the last Warning says how many more; header-unsafe text is escaped', async () => {
    const { emulator } = await start();
    const extra = Object.fromEntries(
      Array.from({ length: 25 }, (_, i) => [`extra${String(i).padStart(2, '0')}`, i]),
    );
    const created = await call(emulator, 'POST', withKey(cards), {
      ...cardBody(),
      ...extra,
      'qu"ote\u00e9': 1,
    });
    expect(created.status).toBe(201);
    const shown = warnings(created.headers);
    expect(shown).toHaveLength(20);
    expect(shown[0]).toBe(
      'extra00: HubSpot ignores `extra00`: it takes `title`, `fetch`, `display`, `actions` here',
    );
    expect(shown.at(-1)).toBe('and 7 more');
    const quoted = await call(emulator, 'POST', withKey(cards), {
      ...cardBody(),
      title: 'Two',
      'qu"ote\u00e9': 1,
    });
    expect(warnings(quoted.headers)[0]).toMatch(/^qu"ote\?: HubSpot ignores `qu"ote\?`/);
  });

  test('a refused body gets its error and no Warning', async () => {
    const { emulator } = await start();
    const refused = await call(emulator, 'POST', withKey(cards), { title: 'x', targetUrl: 'https://s.test' });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('warning')).toBeNull();
  });
});
