import { describe, expect, test } from 'vitest';
import { cardFor, cardTargetUrl, fetchCard, legacyReply } from '../../test/helpers/dispatch-fixtures.ts';

function fetchReply(reply: unknown) {
  return fetchCard(reply).result;
}

const warnings = (verdicts: readonly { severity: string; code: string; path?: string }[]) =>
  verdicts.filter((v) => v.severity === 'warning').map((v) => [v.code, v.path]);

describe('a card fetch names the mistake in the reply', () => {
  test('an iframe action in results: one problem naming primaryAction, not a missing objectId', async () => {
    const { exchange, card } = await fetchReply({
      results: [{ type: 'iframe', url: 'https://service.example.com/frame' }],
    });
    expect(card).toBeNull();
    expect(exchange.error?.code).toBe('DISPATCH_REPLY_INVALID');
    expect(exchange.schemaIssues).toEqual([
      { path: 'results.0', message: expect.stringContaining('this looks like an iframe action') },
    ]);
    expect(exchange.error?.message).toContain('put it in `primaryAction`');
    expect(exchange.error?.message).not.toContain('expected number');
  });

  test('a card definition served as the reply is named', async () => {
    const { exchange } = await fetchReply(cardFor(cardTargetUrl));
    expect(exchange.schemaIssues).toEqual([
      { path: '(root)', message: expect.stringContaining('this is a card definition') },
    ]);
  });

  test('schema problems, problems inside the items and action URLs outside baseUrls come in one pass', async () => {
    const reply = legacyReply(6, 'https://elsewhere.example.org/edit');
    (reply.results[2] as Record<string, unknown>).title = 3;
    const { exchange } = await fetchReply(reply);
    const paths = exchange.verdicts.filter((v) => v.severity === 'error').map((v) => [v.code, v.path]);
    expect(paths).toEqual([
      ['DISPATCH_REPLY_INVALID', 'results'],
      ['DISPATCH_REPLY_INVALID', 'results.2.title'],
      ...[0, 1, 2, 3, 4, 5].map((i) => ['CARD_ACTION_OUTSIDE_BASE_URLS', `results.${i}.actions.0.uri`]),
    ]);
    expect(exchange.error?.code).toBe('DISPATCH_REPLY_INVALID');
  });

  test('the one-line summary stops at ten problems and says how many more', async () => {
    const reply = { results: [0, 1, 2, 3, 4].map((i) => ({ objectId: `x${i}`, title: i, link: 5 })) };
    const { exchange } = await fetchReply(reply);
    expect(exchange.schemaIssues).toHaveLength(15);
    expect(exchange.error?.message).toContain('; and 5 more.');
  });
});

describe('a card fetch warns about what HubSpot accepts but the service likely did not mean', () => {
  test('duplicate objectIds, secondaryAction, and a hook without httpMethod: the card renders, with warnings', async () => {
    const reply = legacyReply(2);
    const [first, second] = reply.results;
    if (!first || !second) throw new Error('fixture has two items');
    second.objectId = first.objectId;
    const { exchange, card } = await fetchReply({
      ...reply,
      secondaryAction: { type: 'ACTION_HOOK', uri: 'https://service.example.com/close' },
      primaryAction: { type: 'ACTION_HOOK', uri: 'https://service.example.com/close' },
    });
    expect(exchange.outcome).toBe('ok');
    expect(card?.items).toHaveLength(2);
    expect(warnings(exchange.verdicts)).toEqual([
      ['DISPATCH_HOOK_METHOD_DEFAULTED', 'primaryAction.httpMethod'],
      ['DISPATCH_REPLY_DUPLICATE_OBJECT_ID', 'results.1.objectId'],
      ['DISPATCH_REPLY_FIELD_IGNORED', 'secondaryAction'],
    ]);
    const byPath = (path: string) => exchange.verdicts.find((v) => v.path === path)?.message;
    expect(byPath('primaryAction.httpMethod')).toContain('ACTION_HOOK without `httpMethod` is sent as GET');
    expect(byPath('secondaryAction')).toContain('did you mean `secondaryActions` (an array)?');
    expect(exchange.verdicts.at(-1)?.code).toBe('REPLY_VALID');
  });

  test("the card's display properties are item data, not misspellings", async () => {
    const { exchange } = await fetchReply(legacyReply(1));
    expect(warnings(exchange.verdicts)).toEqual([]);
  });
});
