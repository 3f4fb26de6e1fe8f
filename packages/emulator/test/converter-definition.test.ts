import type { Emulator, OpenRecordResult } from '@spoke/emulator';
import type { CardDefinition, PlatformMode } from '@spoke/protocol';
import { afterEach, describe, expect, test } from 'vitest';
import { fakeService, json } from './helpers/fake-service.ts';
import { call, cardBody, testEmulator, withKey } from './helpers/test-emulator.ts';

// HubSpot's Legacy CRM Card Converter checks the card definition before it fetches (its
// definition/validateDefinition.ts, cases from its test file), and reads the reply without legacy
// HubSpot's rules (components/ObjectTile.tsx, Properties/PropertyValue.tsx,
// utils/propertyFormatters.ts), through the emulator.

let emulator: Emulator | undefined;
afterEach(() => emulator?.close());

const cards = '/crm/v3/extensions/cards-dev/1000';

/** The quoted texts of `Warning: 299 spoke "…"` headers. */
function warnings(headers: Headers): string[] {
  const value = headers.get('warning') ?? '';
  return [...value.matchAll(/299 spoke "((?:[^"\\]|\\.)*)"/g)].map((match) =>
    (match[1] ?? '').replace(/\\(.)/g, '$1'),
  );
}

async function setup(options: {
  mode: PlatformMode;
  card?: Record<string, unknown>;
  reply?: unknown;
  publicUrl?: string;
}) {
  const marketing = JSON.stringify(options.card ?? {}).includes('marketing_events');
  const service = fakeService(() => json(options.reply ?? { results: [{ objectId: 1, title: 'Issue 1' }] }));
  const logged: { message: string; code: unknown }[] = [];
  emulator = await testEmulator({
    fetch: service.fetch,
    mode: options.mode,
    logger: {
      debug() {},
      info() {},
      error() {},
      warn: (message, fields) => logged.push({ message, code: fields?.code }),
    },
  });
  const em = emulator;
  if (options.publicUrl) {
    expect((await call(em, 'PATCH', '/_spoke/apps/1000', { publicUrl: options.publicUrl })).status).toBe(200);
  }
  if (marketing) {
    // A card for marketing events needs the app's scopes for them (the seeded app has the CRM's).
    const app = await call<{ scopes: string[] }>(em, 'GET', '/_spoke/apps/1000');
    const scopes = [
      ...app.body.scopes,
      'crm.objects.marketing_events.read',
      'crm.objects.marketing_events.write',
    ];
    expect((await call(em, 'PATCH', '/_spoke/apps/1000', { scopes })).status).toBe(200);
  }
  const contacts = await call<{ results: { id: string }[] }>(em, 'GET', '/_spoke/records/contacts?q=maria');
  const recordId = contacts.body.results[0]?.id ?? '';
  const created = await call<CardDefinition>(em, 'POST', withKey(cards), {
    ...cardBody('https://service.test/card'),
    ...options.card,
  });
  expect(created.status).toBe(201);
  const open = async () =>
    (await call<OpenRecordResult>(em, 'POST', `/_spoke/records/contacts/${recordId}/cards`)).body;
  return { service, open, created, logged };
}

const display = (...properties: Record<string, unknown>[]) => ({ display: { properties } });
const property = (dataType: string, extra: Record<string, unknown> = {}) => ({
  name: 'p',
  label: 'P',
  dataType,
  ...extra,
});

// [case, definition fields, the lines the converter lists]
const refused: [string, Record<string, unknown>, string[]][] = [
  ['empty display.properties', display(), ['display.properties (at least one property required)']],
  ['a BOOLEAN display property', display(property('BOOLEAN', { options: [] })), ['Invalid input']],
  [
    'a STRING with options',
    display(property('STRING', { options: [{ name: 'a', label: 'A', type: 'INFO' }] })),
    ['Invalid input'],
  ],
  [
    'marketing_events',
    {
      fetch: {
        targetUrl: 'https://service.test/card',
        objectTypes: [
          { name: 'contacts', propertiesToSend: ['email'] },
          { name: 'marketing_events', propertiesToSend: [] },
        ],
      },
    },
    ['Invalid option: expected one of "contacts"|"companies"|"deals"|"tickets"'],
  ],
  [
    'a baseUrl on an IP address and a BOOLEAN',
    {
      ...display(property('BOOLEAN', { options: [] })),
      actions: { baseUrls: ['https://service.test', 'http://10.0.0.5/hooks'] },
    },
    ['Invalid input', 'Each baseUrl must be a valid Web URL'],
  ],
];

describe('converter mode: the converter checks the card definition before it fetches', () => {
  test.each(refused)('%s: Configuration Issues Detected, nothing sent', async (_name, card, lines) => {
    const { service, open } = await setup({ mode: 'converter', card });
    const opened = await open();
    expect(service.seen).toHaveLength(0);
    const view = opened.cards[0];
    expect(view?.status).toBe('error');
    expect(view?.configurationIssues).toEqual(lines);
    expect(view?.error?.code).toBe('DISPATCH_CONVERTER_DEFINITION_INVALID');
    expect(view?.error?.message).toMatch(
      /^not sent: HubSpot's Legacy CRM Card Converter checks the card definition/,
    );
    const exchange = opened.exchanges[0];
    expect(exchange?.reply).toBeNull();
    expect(exchange?.request.headers).toEqual({});
    expect(exchange?.schemaIssues).toHaveLength(lines.length);
    for (const [i, line] of lines.entries()) {
      expect(exchange?.schemaIssues[i]?.path).toMatch(/^definition\./);
      expect(exchange?.schemaIssues[i]?.message).toContain(`(the converter lists "${line}")`);
    }
  });

  test.each(refused)('%s: legacy mode fetches and renders the card', async (_name, card) => {
    const { service, open } = await setup({ mode: 'legacy', card });
    const opened = await open();
    expect(service.seen).toHaveLength(1);
    expect(opened.cards[0]?.status).toBe('ok');
    expect(opened.cards[0]).not.toHaveProperty('configurationIssues');
  });

  test('a definition the converter takes is fetched, with no definition verdict', async () => {
    const { service, open } = await setup({ mode: 'converter' });
    const opened = await open();
    expect(service.seen).toHaveLength(1);
    expect(opened.cards[0]?.status).toBe('ok');
    const codes = opened.exchanges[0]?.verdicts.map((v) => v.code) ?? [];
    expect(codes.filter((code) => code.startsWith('DISPATCH_CONVERTER_DEFINITION'))).toEqual([]);
  });

  test('a baseUrl on this machine is a warning: the card is fetched, and a publicUrl silences it', async () => {
    const card = { actions: { baseUrls: ['http://127.0.0.1:3500/hooks'] } };
    const local = await setup({ mode: 'converter', card });
    const opened = await local.open();
    expect(local.service.seen).toHaveLength(1);
    expect(opened.cards[0]?.status).toBe('ok');
    const warning = opened.exchanges[0]?.verdicts.find(
      (v) => v.code === 'DISPATCH_CONVERTER_DEFINITION_LOCAL',
    );
    expect(warning).toMatchObject({ severity: 'warning', path: 'definition.actions.baseUrls.0' });
    expect(warning?.message).toContain('Each baseUrl must be a valid Web URL');
    await emulator?.close();
    const tunnelled = await setup({ mode: 'converter', card, publicUrl: 'https://abc.ngrok.app' });
    const codes = (await tunnelled.open()).exchanges[0]?.verdicts.map((v) => v.code);
    expect(codes).not.toContain('DISPATCH_CONVERTER_DEFINITION_LOCAL');
  });
});

describe('the developer API warns when an app in converter mode stores a definition the converter refuses', () => {
  test('POST and PATCH answer as HubSpot does, with one Warning per problem', async () => {
    const { created, logged } = await setup({ mode: 'converter', card: display() });
    // The emulator's own log says it too, with the code to look up.
    expect(logged).toEqual([
      {
        message: expect.stringContaining(
          'the converter would show "Configuration Issues Detected" instead of it',
        ),
        code: 'API_CONVERTER_DEFINITION_REFUSED',
      },
    ]);
    expect(warnings(created.headers)).toEqual([
      expect.stringMatching(
        /^display\.properties: app 1000 is in converter mode, and HubSpot's card converter refuses this definition: is empty.*\(it lists "display\.properties \(at least one property required\)"\)$/,
      ),
    ]);
    const em = emulator as Emulator;
    const patched = await call(
      em,
      'PATCH',
      withKey(`${cards}/${created.body.id}`),
      display(property('BOOLEAN')),
    );
    expect(patched.status).toBe(200);
    const lines = warnings(patched.headers);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('display.properties.0: ');
    expect(lines[0]).toContain('no BOOLEAN display property');
    const fixed = await call(
      em,
      'PATCH',
      withKey(`${cards}/${created.body.id}`),
      display(property('STRING')),
    );
    expect(fixed.headers.get('warning')).toBeNull();
  });

  test('an app in legacy mode gets no such warning', async () => {
    const { created } = await setup({ mode: 'legacy', card: display() });
    expect(created.headers.get('warning')).toBeNull();
  });

  test('display properties come back with their options, [] when none were sent, as HubSpot returns them', async () => {
    const { created } = await setup({
      mode: 'converter',
      card: display(property('STRING'), property('DATE')),
    });
    expect(created.body.display.properties.map((p) => p.options)).toEqual([[], []]);
    const em = emulator as Emulator;
    const read = await call<CardDefinition>(em, 'GET', withKey(`${cards}/${created.body.id}`));
    expect(read.body.display.properties.map((p) => p.options)).toEqual([[], []]);
    expect(created.headers.get('warning')).toBeNull();
  });
});

// [case, reply, what the inspector says]. The converter maps every result, upper-cases a dataType
// and shows one it does not know as text, and a CURRENCY without currencyCode as the value sent.
const item = (objectId: number, properties: unknown[] = []) => ({
  objectId,
  title: `Issue ${objectId}`,
  properties,
});
const lenient: [string, unknown, { path: string; shows: RegExp }[]][] = [
  [
    'six results',
    { results: [1, 2, 3, 4, 5, 6].map((id) => item(id)) },
    [{ path: 'results', shows: /the converter shows all 6 results; HubSpot showed at most 5/ }],
  ],
  [
    'a CURRENCY without currencyCode',
    { results: [item(1, [{ label: 'Impact', dataType: 'CURRENCY', value: 1200 }])] },
    [{ path: 'results.0.properties.0.currencyCode', shows: /a bare number with no currency/ }],
  ],
  [
    'an unknown data type',
    { results: [item(1, [{ label: 'Share', dataType: 'PERCENT', value: '12%' }])] },
    [{ path: 'results.0.properties.0.dataType', shows: /the converter shows the value as text/ }],
  ],
  [
    'a lower-case data type',
    { results: [item(1, [{ label: 'Count', dataType: 'numeric', value: 3 }])] },
    [{ path: 'results.0.properties.0.dataType', shows: /upper-cases it and shows a NUMERIC/ }],
  ],
];

describe('converter mode renders what only legacy HubSpot refused, and says so', () => {
  test.each(lenient)('%s: the card renders with a warning', async (_name, reply, expected) => {
    const { open } = await setup({ mode: 'converter', reply });
    const opened = await open();
    expect(opened.cards[0]?.status).toBe('ok');
    const found = opened.exchanges[0]?.verdicts.filter((v) => v.code === 'DISPATCH_CONVERTER_LENIENT') ?? [];
    expect(found.map((v) => v.path)).toEqual(expected.map((e) => e.path));
    for (const [i, e] of expected.entries()) {
      expect(found[i]?.severity).toBe('warning');
      expect(found[i]?.message).toMatch(/^the converter renders this; legacy HubSpot refused it \(/);
      expect(found[i]?.message).toMatch(e.shows);
    }
  });

  test.each(lenient)('%s: legacy mode fails the card', async (_name, reply) => {
    const { open } = await setup({ mode: 'legacy', reply });
    const opened = await open();
    expect(opened.cards[0]?.status).toBe('error');
    expect(opened.cards[0]?.error?.code).toBe('DISPATCH_REPLY_INVALID');
  });

  test('the rendered card holds every result and the properties as the converter shows them', async () => {
    const reply = {
      results: [
        item(1, [
          { label: 'Impact', dataType: 'CURRENCY', value: 1200 },
          { label: 'Share', dataType: 'percent', value: '12%' },
        ]),
        ...[2, 3, 4, 5, 6, 7].map((id) => item(id)),
      ],
    };
    const { open } = await setup({ mode: 'converter', reply });
    const card = (await open()).cards[0]?.card;
    expect(card?.items).toHaveLength(7);
    expect(card?.items[0]?.properties).toEqual([
      { label: 'Impact', dataType: 'CURRENCY', value: '1200' },
      { label: 'Share', dataType: 'PERCENT', value: '12%' },
    ]);
  });

  test('a reply the converter cannot read either still fails, with the legacy explanation', async () => {
    const reply = { results: [item(1, [{ label: 'Due', dataType: 'DATE', value: 'tomorrow' }])] };
    const { open } = await setup({ mode: 'converter', reply });
    const opened = await open();
    expect(opened.cards[0]?.status).toBe('error');
    expect(opened.exchanges[0]?.verdicts.map((v) => v.code)).not.toContain('DISPATCH_CONVERTER_LENIENT');
  });
});

describe('switching an app to converter mode warns about the cards the converter refuses', () => {
  test('PATCH /_spoke/apps/{appId} {mode:"converter"} names each refused card; legacy mode and fit cards say nothing', async () => {
    const { created, logged } = await setup({ mode: 'legacy', card: display() });
    expect(warnings(created.headers)).toEqual([]);
    const em = emulator as Emulator;
    const switched = await call(em, 'PATCH', '/_spoke/apps/1000', { mode: 'converter' });
    expect(switched.status).toBe(200);
    expect(warnings(switched.headers)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^card ${created.body.id} display\\.properties: app 1000 is in converter mode, and HubSpot's card converter refuses this definition`,
        ),
      ),
    ]);
    expect(logged.map((entry) => entry.code)).toEqual(['API_CONVERTER_DEFINITION_REFUSED']);
    expect(logged[0]?.message).toContain(`card ${created.body.id} was stored before the switch`);

    const back = await call(em, 'PATCH', '/_spoke/apps/1000', { mode: 'legacy' });
    expect(back.headers.get('warning')).toBeNull();
    await call(em, 'PATCH', withKey(`${cards}/${created.body.id}`), display(property('STRING')));
    const fit = await call(em, 'PATCH', '/_spoke/apps/1000', { mode: 'converter' });
    expect(fit.headers.get('warning')).toBeNull();
  });
});
