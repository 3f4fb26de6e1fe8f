import type { ActionResult, Emulator, OpenRecordResult } from '@spoke/emulator';
import type { CardDefinition, PlatformMode, RenderedAction } from '@spoke/protocol';
import { afterEach, describe, expect, test } from 'vitest';
import { fakeService, json, type SeenRequest } from './helpers/fake-service.ts';
import { call, cardBody, testEmulator, withKey } from './helpers/test-emulator.ts';

// HubSpot's Legacy CRM Card Converter, as its source (ui-extensions-examples, legacy-card-converter:
// utils/fetchFromTargetUrl.ts, utils/handleActionOnClick.ts, definition/CardConfig.ts) runs it,
// through the emulator: the data-fetch URL it builds, and what a click on each action does.

let emulator: Emulator | undefined;
afterEach(() => emulator?.close());

const alert = (uri: string) =>
  `Error: Action URI: '${uri}' does not share a base URI with the base URIs defined for this object type`;

async function setup(options: {
  mode: PlatformMode;
  targetUrl?: string;
  baseUrls?: string[];
  actions?: Record<string, unknown>[];
}) {
  const service = fakeService((request: SeenRequest) =>
    new URL(request.url).pathname.startsWith('/card')
      ? json({ results: [{ objectId: 1, title: 'Issue 1', actions: options.actions ?? [] }] })
      : json({ message: 'done' }),
  );
  emulator = await testEmulator({ fetch: service.fetch, mode: options.mode });
  const contacts = await call<{ results: { id: string }[] }>(
    emulator,
    'GET',
    '/_spoke/records/contacts?q=maria',
  );
  const recordId = contacts.body.results[0]?.id ?? '';
  const body = {
    ...cardBody(options.targetUrl ?? 'https://service.test/card'),
    actions: { baseUrls: options.baseUrls ?? ['https://service.test/hooks'] },
  };
  const card = await call<CardDefinition>(
    emulator,
    'POST',
    withKey('/crm/v3/extensions/cards-dev/1000'),
    body,
  );
  expect(card.status).toBe(201);
  const em = emulator;
  const open = async () =>
    (await call<OpenRecordResult>(em, 'POST', `/_spoke/records/contacts/${recordId}/cards`)).body;
  const run = async (action: RenderedAction) =>
    (
      await call<ActionResult>(em, 'POST', `/_spoke/records/contacts/${recordId}/actions`, {
        appId: 1000,
        cardId: card.body.id,
        action,
      })
    ).body;
  return { service, open, run };
}

describe('converter mode: the data-fetch URL as the converter builds it', () => {
  test('a targetUrl with its own query gets a second ?, and the inspector says the service receives no userId', async () => {
    const { service, open } = await setup({
      mode: 'converter',
      targetUrl: 'https://service.test/card?tenant=acme',
    });
    const opened = await open();
    const sent = service.seen[0]?.url ?? '';
    // `${targetUrl}?${URLSearchParams}`, whatever the targetUrl holds (fetchFromTargetUrl.ts).
    expect(sent.startsWith('https://service.test/card?tenant=acme?userId=')).toBe(true);
    expect(new URL(sent).searchParams.has('userId')).toBe(false);
    expect(opened.cards[0]?.status).toBe('ok');
    const warning = opened.exchanges[0]?.verdicts.find((v) => v.code === 'DISPATCH_CONVERTER_QUERY_BROKEN');
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toContain('in production the service receives no userId');
    expect(warning?.message).toContain(
      `its tenant parameter arrives as ${JSON.stringify(new URL(sent).searchParams.get('tenant'))}`,
    );
  });

  test.each([
    ['converter', 'https://service.test/card', 'https://service.test/card?userId='],
    ['legacy', 'https://service.test/card?tenant=acme', 'https://service.test/card?tenant=acme&userId='],
  ] as const)('%s mode, %s: joined as %s…, no warning', async (mode, targetUrl, prefix) => {
    const { service, open } = await setup({ mode, targetUrl });
    const opened = await open();
    expect(service.seen[0]?.url.startsWith(prefix)).toBe(true);
    expect(opened.exchanges[0]?.verdicts.map((v) => v.code)).not.toContain('DISPATCH_CONVERTER_QUERY_BROKEN');
  });
});

// [label, action, what the converter does on click]: 'alert' (nothing called), 'call', or the IFRAME URL.
const cases: [string, Record<string, unknown>, 'alert' | 'call' | { iframe: string }][] = [
  ['relative hook', { type: 'ACTION_HOOK', uri: '/hooks/close', label: 'Close' }, 'alert'],
  ['relative, no slash', { type: 'ACTION_HOOK', uri: 'hooks/close?x=1', label: 'Close' }, 'alert'],
  ['other host', { type: 'ACTION_HOOK', uri: 'https://evil.test/hooks/x', label: 'Go' }, 'alert'],
  ['other protocol', { type: 'ACTION_HOOK', uri: 'http://service.test/hooks/x', label: 'Go' }, 'alert'],
  ['subdomain', { type: 'ACTION_HOOK', uri: 'https://api.service.test/hooks/x', label: 'Go' }, 'alert'],
  // Only protocol and hostname are compared: another path or port is called.
  ['other path', { type: 'ACTION_HOOK', uri: 'https://service.test/elsewhere', label: 'Go' }, 'call'],
  ['other port', { type: 'ACTION_HOOK', uri: 'https://service.test:8443/hooks/x', label: 'Go' }, 'call'],
  [
    'confirmation, other path',
    {
      type: 'CONFIRMATION_ACTION_HOOK',
      uri: 'https://service.test/delete',
      label: 'Delete',
      httpMethod: 'DELETE',
      confirmationMessage: 'Sure?',
    },
    'call',
  ],
  // IFRAMEs are never checked, and open the bare uri.
  [
    'iframe elsewhere',
    {
      type: 'IFRAME',
      uri: 'https://frames.test/edit?x=1',
      label: 'Edit',
      width: 600,
      height: 400,
      associatedObjectProperties: ['email'],
    },
    { iframe: 'https://frames.test/edit?x=1' },
  ],
];

describe('converter mode: actions as the converter handles a click', () => {
  test.each(cases)('%s', async (_label, raw, outcome) => {
    const { service, open, run } = await setup({ mode: 'converter', actions: [raw] });
    const opened = await open();
    // The converter renders the card; the inspector says what production does with the URI.
    expect(opened.cards[0]?.status).toBe('ok');
    const warning = opened.exchanges[0]?.verdicts.find((v) => v.code === 'CARD_ACTION_OUTSIDE_BASE_URLS');
    expect(warning?.severity).toBe('warning');
    const action = opened.cards[0]?.items[0]?.actions[0];
    if (!action) throw new Error('the card has no action');
    const before = service.seen.length;
    const result = await run(action);
    if (outcome === 'alert') {
      expect(warning?.message).toContain(alert(String(raw.uri)));
      expect(result).toMatchObject({ status: 'error', message: alert(String(raw.uri)), exchange: null });
      expect(service.seen.length).toBe(before);
    } else if (outcome === 'call') {
      expect(warning?.message).toContain('The converter renders and calls this');
      expect(result.status).toBe('ok');
      expect(service.seen.length).toBe(before + 1);
      expect(service.seen.at(-1)?.url.startsWith(`${raw.uri}?`)).toBe(true);
    } else {
      expect(warning?.message).toContain('opens IFRAME URIs without checking baseUrls');
      expect(result.iframe?.url).toBe(outcome.iframe);
      expect(result.message).toContain('without the associatedObjectProperties (email)');
    }
  });

  test.each(cases)('legacy mode refuses the card with %s', async (_label, raw) => {
    const { open } = await setup({ mode: 'legacy', actions: [raw] });
    const opened = await open();
    expect(opened.cards[0]?.status).toBe('error');
    expect(opened.cards[0]?.error?.code).toBe('CARD_ACTION_OUTSIDE_BASE_URLS');
  });

  test('a hook within the base is called in both modes; shapes refused everywhere still fail the card', async () => {
    const ok = { type: 'ACTION_HOOK', uri: 'https://service.test/hooks/close', label: 'Close' };
    const bad = { type: 'ACTION_HOOK', uri: 'javascript:alert(1)', label: 'Bad' };
    for (const mode of ['legacy', 'converter'] as const) {
      const { open, run } = await setup({ mode, actions: [ok] });
      const opened = await open();
      expect(opened.exchanges[0]?.verdicts.map((v) => v.code)).not.toContain('CARD_ACTION_OUTSIDE_BASE_URLS');
      const action = opened.cards[0]?.items[0]?.actions[0];
      if (!action) throw new Error('the card has no action');
      expect((await run(action)).status).toBe('ok');
      emulator?.close();
      const refused = await setup({ mode, actions: [bad] });
      expect((await refused.open()).cards[0]?.error?.code).toBe('CARD_ACTION_OUTSIDE_BASE_URLS');
      emulator?.close();
    }
  });
});
