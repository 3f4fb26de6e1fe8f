// @vitest-environment jsdom
import type { RenderedCard } from '@spoke/protocol';
import { act } from 'react';
import { describe, expect, test, vi } from 'vitest';
import { domPerTest } from '../../lib/test-dom.ts';
import { type CardState, CrmCard } from './CrmCard.tsx';

const dom = domPerTest();

const item = (n: number, title = `Issue ${n}`) => ({
  objectId: n,
  title,
  link: `https://tracker.example.com/${n}`,
  properties: [{ label: 'State', dataType: 'STATUS', value: 'Open', optionType: 'SUCCESS' }],
  actions: [],
});

function okCard(overrides: Partial<RenderedCard> = {}): CardState {
  return {
    status: 'ok',
    exchangeId: 'x1',
    card: {
      format: 'legacy',
      items: [1, 2, 3, 4, 5].map((n) => item(n)),
      totalCount: 7,
      allItemsLink: 'https://tracker.example.com/all',
      itemLabel: 'See more issues',
      primaryAction: null,
      secondaryActions: [],
      settingsAction: null,
      ...overrides,
    },
  };
}

function render(state: CardState, onAction = vi.fn(), onRefresh = vi.fn()) {
  act(() =>
    dom.root.render(
      <CrmCard
        title="Issues (7)"
        appName="Bug Tracker"
        state={state}
        onAction={onAction}
        onRefresh={onRefresh}
      />,
    ),
  );
  return { onAction, onRefresh };
}

describe('CrmCard', () => {
  test('draws the title, every item and a See more link with the total count', () => {
    render(okCard());
    expect(dom.container.querySelector('h3')?.textContent).toBe('Issues (7)');
    expect(dom.container.querySelectorAll('.card-item')).toHaveLength(5);
    const seeMore = dom.container.querySelector<HTMLAnchorElement>('.see-more a');
    expect(seeMore?.textContent).toBe('See more issues (7)');
    expect(seeMore?.href).toBe('https://tracker.example.com/all');
    expect(dom.container.querySelector('.status-badge.status-success')?.textContent).toBe('Open');
  });

  test('See more reads the card title when the reply gives no itemLabel', () => {
    act(() =>
      dom.root.render(
        <CrmCard
          title="Issues (7)"
          appName="Bug Tracker"
          state={okCard({ itemLabel: null })}
          seeMoreLabel="See more Issues"
          onAction={vi.fn()}
          onRefresh={vi.fn()}
        />,
      ),
    );
    expect(dom.container.querySelector('.see-more a')?.textContent).toBe('See more Issues (7)');
  });

  test("formats dates, numbers and money in the viewing user's locale", () => {
    const properties = [
      { label: 'Due', dataType: 'DATE', value: '2026-12-01' },
      { label: 'Votes', dataType: 'NUMERIC', value: '1234.5' },
      { label: 'Impact', dataType: 'CURRENCY', value: '94.34', currencyCode: 'EUR' },
    ];
    const state = okCard({ items: [{ ...item(1), properties }], totalCount: 1 });
    act(() =>
      dom.root.render(
        <CrmCard
          title="Issues (1)"
          appName="Bug Tracker"
          state={state}
          locale="de-DE"
          onAction={vi.fn()}
          onRefresh={vi.fn()}
        />,
      ),
    );
    const shown = [...dom.container.querySelectorAll('.card-property dd')].map((dd) => dd.textContent);
    expect(shown).toEqual(['01.12.2026', '1.234,5', '94,34\u00a0€ EUR']);
  });

  test('leaves out See more when every item is shown', () => {
    render(okCard({ totalCount: 5 }));
    expect(dom.container.querySelector('.see-more')).toBeNull();
  });

  test('shows the failure reason, code and schema paths beside the error state', () => {
    render({
      status: 'error',
      failure: {
        code: 'DISPATCH_DEADLINE_EXCEEDED',
        message: 'no reply within 5000 ms',
        issues: [{ path: 'results.5', message: 'too many' }],
        exchangeId: 'abc',
      },
    });
    const reason = dom.container.querySelector('.card-error-reason');
    expect(reason?.textContent).toContain('Timed out (5 s budget)');
    expect(reason?.textContent).toContain('results.5');
    expect(reason?.querySelector('a')?.getAttribute('href')).toBe('#/inspector/abc');
  });

  test('lays out an error status as status, what the service said, URL and advice', () => {
    const url = `https://svc.example.com/card?portalId=1&q=${'x'.repeat(400)}&end=1`;
    render({
      status: 'error',
      failure: {
        code: 'DISPATCH_STATUS_NOT_OK',
        message: 'Service answered 401 Unauthorized: …',
        issues: [],
        exchangeId: 'abc',
        http: {
          status: 401,
          statusText: 'Unauthorized',
          reason: 'SIGNATURE_MISMATCH: the signature does not match.',
          url,
          location: null,
          hint: 'compare in the signature panel',
        },
      },
    });
    const reason = dom.container.querySelector('.card-error-reason');
    const text = reason?.textContent ?? '';
    expect(text.indexOf('401 Unauthorized')).toBeLessThan(text.indexOf('SIGNATURE_MISMATCH'));
    expect(text.indexOf('SIGNATURE_MISMATCH')).toBeLessThan(text.indexOf('https://svc.example.com/card'));
    expect(text).not.toContain('Service answered outside 200–299');
    const shown = reason?.querySelector('.reason-url code')?.textContent ?? '';
    expect(shown.length).toBeLessThan(url.length);
    expect(shown.endsWith('&end=1')).toBe(true);
    expect(reason?.querySelector('.reason-url')?.getAttribute('title')).toBe(url);
  });

  test('says when the service answered an empty body', () => {
    render({
      status: 'error',
      failure: {
        code: 'DISPATCH_STATUS_NOT_OK',
        message: 'm',
        issues: [],
        exchangeId: null,
        http: { status: 302, statusText: 'Found', reason: null, url: null, location: '/login', hint: null },
      },
    });
    const text = dom.container.querySelector('.card-error-reason')?.textContent ?? '';
    expect(text).toContain('302 Found');
    expect(text).toContain('empty body');
    expect(text).toContain('Redirects to /login');
  });

  test('renders markup from the service as text and blocks a javascript: link', () => {
    render(okCard({ items: [{ ...item(1, '<img src=x onerror=alert(1)>'), link: 'javascript:alert(1)' }] }));
    expect(dom.container.querySelector('img')).toBeNull();
    expect(dom.container.querySelector('.card-item-title')?.textContent).toContain(
      '<img src=x onerror=alert(1)>',
    );
    expect(dom.container.querySelector('a[href^="javascript"]')).toBeNull();
    expect(dom.container.querySelector('.link-inert')?.getAttribute('title')).toContain('javascript:');
  });

  test('runs the refresh and passes card-level actions with no item', () => {
    const primary = {
      type: 'ACTION_HOOK' as const,
      uri: 'https://tracker.example.com/new',
      label: 'Create issue',
      httpMethod: 'POST' as const,
      associatedObjectProperties: [],
    };
    const { onAction, onRefresh } = render(okCard({ primaryAction: primary }));
    act(() => dom.container.querySelector<HTMLButtonElement>('[aria-label="Refresh Issues (7)"]')?.click());
    expect(onRefresh).toHaveBeenCalledTimes(1);
    act(() => dom.container.querySelector<HTMLButtonElement>('.button-primary')?.click());
    expect(onAction).toHaveBeenCalledWith(primary, null);
  });
});
