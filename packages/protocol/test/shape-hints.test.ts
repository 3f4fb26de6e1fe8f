import {
  cardDefinitionWarnings,
  cardResponseIssues,
  cardResponseWarnings,
  closestKey,
  formatSchemaIssues,
  legacyCardResponseSchema,
  schemaIssues,
} from '@spoke/protocol';
import { describe, expect, test } from 'vitest';

const item = (objectId: number, extra: Record<string, unknown> = {}) => ({
  objectId,
  title: `Item ${objectId}`,
  ...extra,
});
const messageAt = (issues: readonly { path: string; message: string }[], path: string) =>
  issues.find((issue) => issue.path === path)?.message;

describe('cardResponseIssues: the likely intent', () => {
  test('an iframe action in results is named as one, not as a missing objectId', () => {
    for (const action of [
      { type: 'IFRAME', uri: 'https://svc.example.com/frame', width: 600, height: 400 },
      { type: 'iframe', url: 'https://svc.example.com/frame' },
    ]) {
      const issues = cardResponseIssues({ results: [action] });
      expect(issues).toEqual([
        {
          path: 'results.0',
          message: expect.stringContaining(
            'this looks like an iframe action, not a card item; put it in `primaryAction`',
          ),
        },
      ]);
    }
  });

  test('an action hook in results says so too, and good items beside it keep their own problems', () => {
    const issues = cardResponseIssues({
      results: [item(1, { title: 7 }), { type: 'ACTION_HOOK', uri: 'https://svc.example.com/hook' }],
    });
    expect(issues.map((i) => i.path)).toEqual(['results.0.title', 'results.1']);
    expect(messageAt(issues, 'results.1')).toContain('this looks like an action hook');
  });

  test('a card definition sent as the reply is named', () => {
    const issues = cardResponseIssues({
      title: 'Tickets',
      fetch: { targetUrl: 'https://svc.example.com/card', objectTypes: [] },
      display: { properties: [] },
    });
    expect(issues).toEqual([
      { path: '(root)', message: expect.stringContaining('this is a card definition') },
    ]);
    expect(issues[0]?.message).toContain('`{"results": [...]}`');
  });

  test('a misspelled or renamed required key gets "did you mean"', () => {
    const issues = cardResponseIssues({ results: [{ objectID: 1, label: 'One' }] });
    expect(messageAt(issues, 'results.0.objectId')).toBe(
      'missing (expected number); found `objectID`: did you mean `objectId`?',
    );
    expect(messageAt(issues, 'results.0.title')).toBe(
      'missing (expected string); found `label`: did you mean `title`?',
    );
  });

  test('`url` in a results-format action points at `uri`', () => {
    const issues = cardResponseIssues({
      results: [item(1)],
      primaryAction: { type: 'ACTION_HOOK', url: 'https://svc.example.com/hook' },
    });
    expect(messageAt(issues, 'primaryAction.uri')).toContain('found `url`');
    expect(messageAt(issues, 'primaryAction.uri')).toContain('spells it `uri`');
  });

  test('a lower-case type or dataType is named, and the rest of that object is checked in the same pass', () => {
    const issues = cardResponseIssues({
      results: [
        item(1, {
          properties: [{ label: 'Due', dataType: 'currency', value: 5 }],
          actions: [{ type: 'iframe', uri: 'https://svc.example.com/frame' }],
        }),
      ],
    });
    expect(issues).toEqual([
      { path: 'results.0.actions.0.height', message: 'missing (expected number)' },
      { path: 'results.0.actions.0.type', message: '"iframe" must be upper case: "IFRAME"' },
      { path: 'results.0.actions.0.width', message: 'missing (expected number)' },
      { path: 'results.0.properties.0.currencyCode', message: 'missing (expected string)' },
      { path: 'results.0.properties.0.dataType', message: '"currency" must be upper case: "CURRENCY"' },
    ]);
  });

  test('an object where an array belongs, and an array as the whole reply, say how to wrap them', () => {
    expect(cardResponseIssues({ results: { objectId: 1, title: 'One' } })).toEqual([
      { path: 'results', message: 'must be an array, not an object: wrap it in [ ]' },
    ]);
    expect(cardResponseIssues([{ objectId: 1, title: 'One' }])).toEqual([
      {
        path: '(root)',
        message: 'the reply is an array; HubSpot reads an object: answer `{"results": [...]}`',
      },
    ]);
  });

  test('a number sent as a string says to drop the quotes', () => {
    const issues = cardResponseIssues({ results: [{ objectId: '245', title: 'One' }] });
    expect(issues).toEqual([
      {
        path: 'results.0.objectId',
        message: 'must be a number, not the string "245": send it without quotes',
      },
    ]);
  });

  test('an unknown type names the value it got', () => {
    const issues = cardResponseIssues({
      results: [],
      primaryAction: { type: 'MODAL', uri: 'https://x.example/' },
    });
    expect(messageAt(issues, 'primaryAction.type')).toContain('got "MODAL"');
  });

  test('the sections format gets the same help', () => {
    const issues = cardResponseIssues({
      sections: [{ id: 1, title: 'One', actions: [{ type: 'iframe', url: 'https://svc.example.com/f' }] }],
    });
    expect(messageAt(issues, 'sections.0.actions.0.type')).toBe('"iframe" must be upper case: "IFRAME"');
    expect(messageAt(issues, 'sections.0.actions.0.width')).toBe('missing (expected number)');
  });

  test('a valid reply has no issues', () => {
    expect(cardResponseIssues({ results: [item(1)] })).toEqual([]);
  });
});

describe('cardResponseIssues: every problem at once, sorted', () => {
  test('six results still report the problems inside the items', () => {
    const issues = cardResponseIssues({ results: [1, 2, 3, 4, 5, 6].map((n) => item(n, { title: n })) });
    expect(issues[0]).toEqual({ path: 'results', message: 'must have at most 5 items; got 6' });
    expect(issues.slice(1).map((i) => i.path)).toEqual(
      [1, 2, 3, 4, 5, 6].map((n) => `results.${n - 1}.title`),
    );
  });

  test('issues are sorted by path with indexes compared as numbers', () => {
    const reply = {
      results: [item(1, { title: 1 })],
      totalCount: 'x',
      primaryAction: { type: 'IFRAME', uri: 'https://x.example/', width: 'w', height: 1 },
    };
    const parsed = legacyCardResponseSchema.safeParse(reply);
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(schemaIssues(parsed.error).map((i) => i.path)).toEqual([
      'primaryAction.width',
      'results.0.title',
      'totalCount',
    ]);
  });

  test('a one-line summary lists ten problems and says how many more there are', () => {
    const issues = Array.from({ length: 13 }, (_, i) => ({ path: `results.${i}`, message: 'bad' }));
    const line = formatSchemaIssues(issues);
    expect(line.split('; ').length).toBe(11);
    expect(line.endsWith('results.9: bad; and 3 more')).toBe(true);
    expect(formatSchemaIssues(issues.slice(0, 2))).toBe('results.0: bad; results.1: bad');
  });
});

describe('cardResponseWarnings', () => {
  test('`secondaryAction` in the singular: did you mean `secondaryActions` (an array)?', () => {
    const warnings = cardResponseWarnings({
      results: [item(1)],
      secondaryAction: { type: 'IFRAME', uri: 'https://x.example/', width: 1, height: 1 },
    });
    expect(warnings).toEqual([
      {
        code: 'FIELD_IGNORED',
        path: 'secondaryAction',
        message: 'HubSpot ignores `secondaryAction`; did you mean `secondaryActions` (an array)?',
      },
    ]);
  });

  test('`propertiesToSend` in a reply belongs to the card definition', () => {
    const [warning] = cardResponseWarnings({ results: [item(1)], propertiesToSend: ['email'] });
    expect(warning?.path).toBe('propertiesToSend');
    expect(warning?.message).toContain('belongs to the card definition');
  });

  test('an action hook without httpMethod is sent as GET; `method` is named as ignored', () => {
    const warnings = cardResponseWarnings({
      results: [
        item(1, { actions: [{ type: 'ACTION_HOOK', uri: 'https://x.example/h', method: 'DELETE' }] }),
      ],
      primaryAction: { type: 'ACTION_HOOK', uri: 'https://x.example/p', httpMethod: 'POST' },
    });
    expect(warnings.map((w) => [w.code, w.path])).toEqual([
      ['HOOK_METHOD_DEFAULTED', 'results.0.actions.0.httpMethod'],
      ['FIELD_IGNORED', 'results.0.actions.0.method'],
    ]);
    expect(warnings[0]?.message).toContain('ACTION_HOOK without `httpMethod` is sent as GET');
    expect(warnings[1]?.message).toContain('did you mean `httpMethod`?');
  });

  test('duplicate objectIds are flagged on the repeat, naming the first', () => {
    const warnings = cardResponseWarnings({ results: [item(7), item(8), item(7)] });
    expect(warnings).toEqual([
      {
        code: 'DUPLICATE_OBJECT_ID',
        path: 'results.2.objectId',
        message: expect.stringContaining('repeats results.0'),
      },
    ]);
    const sections = cardResponseWarnings({
      sections: [
        { id: 'a', title: 'A' },
        { id: 'a', title: 'B' },
      ],
    });
    expect(sections.map((w) => w.path)).toEqual(['sections.1.id']);
  });

  test("an item's display values are data, not typos; a near miss is flagged only when the real key is absent", () => {
    expect(cardResponseWarnings({ results: [item(1, { status: 'open', tilte: 'x' })] })).toEqual([]);
    const warnings = cardResponseWarnings({ results: [item(1, { action: [] })] });
    expect(warnings.map((w) => w.message)).toEqual([
      'HubSpot ignores `action`; did you mean `actions` (an array)?',
    ]);
    expect(
      cardResponseWarnings({ results: [item(1, { action: [] })] }, { displayPropertyNames: ['action'] }),
    ).toEqual([]);
  });

  test('a clean reply has none', () => {
    expect(
      cardResponseWarnings({
        results: [item(1), item(2)],
        primaryAction: { type: 'ACTION_HOOK', uri: 'https://x.example/', httpMethod: 'GET' },
      }),
    ).toEqual([]);
  });
});

describe('cardDefinitionWarnings', () => {
  const definition = {
    title: 'Tickets',
    fetch: {
      targetUrl: 'https://svc.example.com/card',
      objectTypes: [{ name: 'contacts', propertiesToSend: [] }],
    },
    display: { properties: [] },
    actions: { baseUrls: ['https://svc.example.com'] },
  };

  test('misplaced fields name where HubSpot reads them', () => {
    const warnings = cardDefinitionWarnings({
      ...definition,
      targetUrl: 'https://svc.example.com/card',
      baseUrls: ['https://svc.example.com'],
      fetch: { ...definition.fetch, propertiesToSend: ['email'] },
    });
    expect(warnings).toEqual([
      { path: 'baseUrls', message: 'HubSpot ignores `baseUrls` here; it belongs at actions.baseUrls' },
      {
        path: 'fetch.propertiesToSend',
        message:
          'HubSpot ignores `propertiesToSend` here; it belongs at fetch.objectTypes[].propertiesToSend (one list per object type)',
      },
      { path: 'targetUrl', message: 'HubSpot ignores `targetUrl` here; it belongs at fetch.targetUrl' },
    ]);
  });

  test('misspelled, read-only and unknown fields are each named', () => {
    const warnings = cardDefinitionWarnings(
      { actions: { baseUrl: [] }, id: '12', colour: 'red' },
      { patch: true },
    );
    expect(warnings).toEqual([
      { path: 'actions.baseUrl', message: 'HubSpot ignores `baseUrl`; did you mean `baseUrls`?' },
      {
        path: 'colour',
        message: 'HubSpot ignores `colour`: it takes `title`, `fetch`, `display`, `actions` here',
      },
      { path: 'id', message: "`id` is set by HubSpot; a request body's is ignored" },
    ]);
  });

  test('a clean definition has none', () => {
    expect(cardDefinitionWarnings(definition)).toEqual([]);
  });
});

describe('closestKey', () => {
  test('case, plural, one-letter slips and swapped neighbours match; distant names do not', () => {
    expect(closestKey('objectID', ['objectId', 'title'])).toBe('objectId');
    expect(closestKey('secondaryAction', ['secondaryActions'])).toBe('secondaryActions');
    expect(closestKey('titel', ['title'])).toBe('title');
    expect(closestKey('heigth', ['width', 'height'])).toBe('height');
    expect(closestKey('tit', ['title'])).toBe(null);
    expect(closestKey('titl', ['title'])).toBe('title');
    expect(closestKey('colour', ['title', 'fetch'])).toBe(null);
  });
});
