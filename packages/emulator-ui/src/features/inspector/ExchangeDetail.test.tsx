// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, test } from 'vitest';
import type { Exchange } from '../../api/types.ts';
import { domPerTest } from '../../lib/test-dom.ts';
import { ExchangeDetail } from './ExchangeDetail.tsx';

const dom = domPerTest();

function exchange(overrides: Partial<Exchange>): Exchange {
  return {
    id: 'b2c3d4e5-0000-4000-8000-000000000002',
    kind: 'crm-card.action-hook',
    appId: 20,
    correlationId: 'corr-2',
    startedAt: 1_700_000_000_000,
    request: { method: 'POST', url: 'https://service.example.com/hook?appId=20', headers: {}, body: '{}' },
    reply: { status: 200, headers: {}, body: '{}', truncated: false },
    timing: { connectMs: 1, totalMs: 12 },
    outcome: 'ok',
    error: null,
    verdicts: [],
    schemaIssues: [],
    signature: { versions: ['v2', 'v3'], timestamp: '1700000000000', sources: {} },
    context: { mode: 'converter' },
    ...overrides,
  };
}

// hubspot.fetch retries once after a 5xx or a failed connection (converter mode). docs/migration.md
describe('ExchangeDetail: a hubspot.fetch retry', () => {
  test('links the attempt it repeats', () => {
    const first = 'a1b2c3d4-0000-4000-8000-000000000001';
    act(() => dom.root.render(<ExchangeDetail exchange={exchange({ retryOf: first })} />));
    const link = [...dom.container.querySelectorAll('a')].find((a) => a.textContent === first.slice(0, 8));
    expect(link?.getAttribute('href')).toContain(first);
    expect(link?.parentElement?.textContent).toContain('hubspot.fetch retry of a1b2c3d4');
  });

  test('an exchange sent once says nothing about retries', () => {
    act(() => dom.root.render(<ExchangeDetail exchange={exchange({})} />));
    expect(dom.container.textContent).not.toContain('retry of');
  });
});
