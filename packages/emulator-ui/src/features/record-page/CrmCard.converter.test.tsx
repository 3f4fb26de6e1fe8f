// @vitest-environment jsdom
import { type DisplayProperty, normalizeCardResponse, parseCardResponse } from '@spoke/protocol';
import { act } from 'react';
import { describe, expect, test, vi } from 'vitest';
import { domPerTest } from '../../lib/test-dom.ts';
import { CrmCard } from './CrmCard.tsx';

const dom = domPerTest();

const displayProperties: DisplayProperty[] = [
  {
    name: 'status',
    label: 'Status',
    dataType: 'STATUS',
    options: [{ name: 'active', label: 'Active', type: 'SUCCESS' }],
  },
];

/** A reply rendered through the protocol's render model in the given mode, then drawn. */
function draw(reply: unknown, mode: 'legacy' | 'converter') {
  const parsed = parseCardResponse(reply);
  if (parsed.format !== 'legacy' || !parsed.result.success) throw new Error('fixture must be valid');
  const { card } = normalizeCardResponse(
    { format: 'legacy', value: parsed.result.data },
    { displayProperties, baseUrls: ['https://svc.example.com/'], mode },
  );
  act(() =>
    dom.root.render(
      <CrmCard
        title="Issues"
        appName="Bug Tracker"
        state={{ status: 'ok', exchangeId: 'x1', card }}
        onAction={vi.fn()}
        onRefresh={vi.fn()}
        mode={mode}
      />,
    ),
  );
}

const values = () => [...dom.container.querySelectorAll('.card-property dd')].map((dd) => dd.textContent);

// Cases from the converter's components/__test__/PropertyValue.test.tsx (STATUS).
describe('CrmCard in converter mode: STATUS as the converter draws it', () => {
  const cases = [
    {
      name: 'a value among the definition options: its label, coloured by its type',
      item: { status: 'active' },
      text: 'Active',
      badge: 'status-success',
    },
    {
      name: 'a value that is none of the options: Invalid property',
      item: { status: 'paused' },
      text: 'Invalid property',
      badge: null,
    },
    {
      name: 'a properties[] item with no display property of its name: Invalid property, optionType ignored',
      item: {
        properties: [
          { name: 'unknown_status', label: 'Status', dataType: 'STATUS', value: 'test', optionType: 'INFO' },
        ],
      },
      text: 'Invalid property',
      badge: null,
    },
    {
      name: 'a properties[] item without a name: Invalid property, optionType ignored',
      item: { properties: [{ label: 'Status', dataType: 'STATUS', value: 'Active', optionType: 'SUCCESS' }] },
      text: 'Invalid property',
      badge: null,
    },
  ];
  test.each(cases)('$name', ({ item, text, badge }) => {
    draw({ results: [{ objectId: 1, title: 'One', ...item }] }, 'converter');
    expect(values()).toEqual([text]);
    const badgeElement = dom.container.querySelector('.status-badge');
    if (badge === null) {
      expect(badgeElement).toBeNull();
      expect(dom.container.querySelector('.value-invalid-status')?.textContent).toBe('Invalid property');
    } else expect(badgeElement?.classList.contains(badge)).toBe(true);
  });

  test('legacy mode draws the reply optionType as a badge instead', () => {
    draw(
      {
        results: [
          {
            objectId: 1,
            title: 'One',
            properties: [{ label: 'Status', dataType: 'STATUS', value: 'Active', optionType: 'SUCCESS' }],
          },
        ],
      },
      'legacy',
    );
    expect(dom.container.querySelector('.status-badge.status-success')?.textContent).toBe('Active');
    expect(dom.container.querySelector('.value-invalid-status')).toBeNull();
  });
});

describe('CrmCard in converter mode: View More, no See more', () => {
  const fiveProperties = ['A', 'B', 'C', 'D', 'E'].map((label) => ({
    label,
    dataType: 'STRING',
    value: label,
  }));
  const reply = {
    results: [{ objectId: 1, title: 'One', properties: fiveProperties }],
    totalCount: 9,
    allItemsLink: 'https://tracker.example.com/all',
  };

  test('shows three properties, then View More shows the rest and becomes View Less', () => {
    draw(reply, 'converter');
    expect(values()).toEqual(['A', 'B', 'C']);
    const button = [...dom.container.querySelectorAll('button')].find((b) => b.textContent === 'View More');
    expect(button?.getAttribute('aria-expanded')).toBe('false');
    act(() => button?.click());
    expect(values()).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(button?.textContent).toBe('View Less');
    act(() => button?.click());
    expect(values()).toEqual(['A', 'B', 'C']);
  });

  test('never draws See more, whatever totalCount and allItemsLink say', () => {
    draw(reply, 'converter');
    expect(dom.container.querySelector('.see-more')).toBeNull();
  });

  test('legacy mode shows every property and See more', () => {
    draw(reply, 'legacy');
    expect(values()).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(dom.container.querySelector('.view-more')).toBeNull();
    expect(dom.container.querySelector('.see-more a')?.textContent).toBe('See more (9)');
  });

  test('an item with three properties or fewer has no View More', () => {
    draw({ results: [{ objectId: 1, title: 'One', properties: fiveProperties.slice(0, 3) }] }, 'converter');
    expect(values()).toEqual(['A', 'B', 'C']);
    expect(dom.container.querySelector('.view-more')).toBeNull();
  });
});

describe("CrmCard in converter mode: the converter's loading and error texts", () => {
  const failure = {
    code: 'DISPATCH_REPLY_INVALID',
    message: 'the Legacy CRM Card Converter does not support the sections format',
    issues: [
      { path: 'sections', message: 'the Legacy CRM Card Converter does not support the sections format' },
    ],
    exchangeId: 'x1',
  };
  function drawState(state: Parameters<typeof CrmCard>[0]['state'], mode?: 'legacy' | 'converter') {
    act(() =>
      dom.root.render(
        <CrmCard
          title="Issues"
          appName="Bug Tracker"
          state={state}
          onAction={vi.fn()}
          onRefresh={vi.fn()}
          {...(mode ? { mode } : {})}
        />,
      ),
    );
  }

  test('an error shows the converter error state, with the reason beside it', () => {
    drawState({ status: 'error', failure }, 'converter');
    const hubspot = dom.container.querySelector('.card-error-hubspot')?.textContent ?? '';
    expect(hubspot).toContain('There was a problem displaying this content. Try refreshing the page.');
    expect(hubspot).toContain(
      "For developers: You can find more details about this error in the app's Extension card logs.",
    );
    expect(hubspot).not.toContain("This card couldn't load.");
    expect(dom.container.querySelector('.card-error-reason')?.textContent).toContain('sections format');
  });

  test('legacy mode (the default) keeps HubSpot legacy error state', () => {
    drawState({ status: 'error', failure });
    expect(dom.container.querySelector('.card-error-hubspot')?.textContent).toContain(
      "This card couldn't load.",
    );
  });

  test('loading reads Fetching data... in converter mode, Loading… in legacy', () => {
    drawState({ status: 'loading' }, 'converter');
    expect(dom.container.querySelector('.crm-card-body .muted')?.textContent).toBe('Fetching data...');
    drawState({ status: 'loading' }, 'legacy');
    expect(dom.container.querySelector('.crm-card-body .muted')?.textContent).toBe('Loading…');
  });
});

describe("CrmCard in converter mode: the converter's value formats", () => {
  test('money without a code chip, the month spelled out, BOOLEAN as sent', () => {
    const properties = [
      { label: 'Amount', dataType: 'CURRENCY', value: 1234.56, currencyCode: 'USD' },
      { label: 'Due', dataType: 'DATE', value: '2024-03-15' },
      { label: 'Paid', dataType: 'BOOLEAN', value: true },
    ];
    const reply = { results: [{ objectId: 1, title: 'One', properties }] };
    draw(reply, 'converter');
    expect(values()).toEqual(['$1,234.56', 'March 15, 2024', 'true']);
    expect(dom.container.querySelector('.currency-code')).toBeNull();
    draw(reply, 'legacy');
    expect(dom.container.querySelector('.currency-code')?.textContent).toBe('USD');
    expect(values()).not.toContain('March 15, 2024');
  });
});
