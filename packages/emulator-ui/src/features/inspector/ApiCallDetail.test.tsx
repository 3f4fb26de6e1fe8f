// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, test } from 'vitest';
import type { ApiCall } from '../../api/types.ts';
import { domPerTest } from '../../lib/test-dom.ts';
import { ApiCallDetail, apiCallParties } from './ApiCallDetail.tsx';

const dom = domPerTest();

function apiCall(overrides: Partial<ApiCall>): ApiCall {
  return {
    id: 'c3d4e5f6-0000-4000-8000-000000000003',
    direction: 'inbound',
    kind: 'crm.objects',
    appId: 1000,
    portalId: 62515,
    startedAt: 1_700_000_000_000,
    request: {
      method: 'GET',
      url: '/crm/v3/objects/contacts/1',
      headers: { authorization: 'Bearer spoke-at-7c951a0b…' },
      body: '',
      truncated: false,
    },
    reply: { status: 200, headers: {}, body: '{"id":"1"}', truncated: false },
    timing: { totalMs: 2.5 },
    outcome: 'ok',
    error: null,
    ...overrides,
  };
}

describe('ApiCallDetail', () => {
  test('says who called, the direction, and shows the request and the reply', () => {
    act(() => dom.root.render(<ApiCallDetail call={apiCall({})} />));
    const text = dom.container.textContent ?? '';
    expect(text).toContain('app → HubSpot');
    expect(text).toContain('GET /crm/v3/objects/contacts/1');
    expect(text).toContain('app 1000 · portal 62515');
    expect(text).toContain('Bearer spoke-at-7c951a0b…');
    expect(dom.container.querySelector('[role="alert"]')).toBeNull();
  });

  test('a refused call shows its code, message and correlation id; an unknown caller says so', () => {
    const refused = apiCall({
      appId: null,
      portalId: null,
      outcome: 'error',
      reply: { status: 401, headers: {}, body: '{}', truncated: true },
      error: {
        code: 'CRM_TOKEN_INVALID',
        message: 'the access token is not one the emulator issued',
        correlationId: 'corr-9',
      },
    });
    act(() => dom.root.render(<ApiCallDetail call={refused} />));
    expect(dom.container.querySelector('[role="alert"]')?.textContent).toContain(
      'CRM_TOKEN_INVALID the access token is not one the emulator issued',
    );
    const text = dom.container.textContent ?? '';
    expect(text).toContain('unknown app');
    expect(text).toContain('correlation corr-9');
    expect(text).toContain('body truncated');
  });

  test('names the app alone when the call has no portal', () => {
    expect(apiCallParties({ appId: 1000, portalId: null })).toBe('app 1000');
  });
});
