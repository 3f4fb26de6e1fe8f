import type { HookMethod, RenderedAction } from '@spoke/protocol';
import { describe, expect, test } from 'vitest';
import { app, contact, fireHook, portal, user } from '../../test/helpers/dispatch-fixtures.ts';
import { jsonResponse } from '../../test/helpers/recording-fetch.ts';
import { buildActionHookRequest, legacyFallbackToast } from './action-hook.ts';
import { iframeUrl } from './iframe-url.ts';

function hook(httpMethod: HookMethod, uri = 'https://service.example.com/hook?v=1'): RenderedAction {
  return {
    type: 'ACTION_HOOK',
    uri,
    label: 'Close ticket',
    httpMethod,
    associatedObjectProperties: ['firstname', 'phone', 'nope'],
  };
}

const scope = { record: contact, app, portal, user };
// Form bodies and converter queries escape `@` as URLSearchParams does.
const defaults =
  'userId=5&userEmail=loggedinuser%40hubspot.com&associatedObjectId=53701&associatedObjectType=CONTACT&portalId=987654';
// A legacy query leaves `@` as HubSpot's own examples do. docs/protocol.md §2.2
const legacyQueryDefaults =
  'userId=5&userEmail=loggedinuser@hubspot.com&associatedObjectId=53701&associatedObjectType=CONTACT&portalId=987654';

describe('buildActionHookRequest in legacy mode', () => {
  test.each(['GET', 'DELETE'] as const)('%s carries the fields in the query', (method) => {
    const parts = buildActionHookRequest({ ...scope, action: hook(method) });
    expect(parts).toEqual({
      method,
      url: `https://service.example.com/hook?v=1&${legacyQueryDefaults}&firstname=Ada%20Mae`,
      body: '',
    });
  });

  test.each(['POST', 'PUT', 'PATCH'] as const)('%s carries the fields as a form body', (method) => {
    const parts = buildActionHookRequest({ ...scope, action: hook(method) });
    expect(parts).toEqual({
      method,
      url: 'https://service.example.com/hook?v=1',
      body: `${defaults}&firstname=Ada+Mae`,
      contentType: 'application/x-www-form-urlencoded',
    });
  });
});

describe('buildActionHookRequest in converter mode', () => {
  const query = `${defaults}&firstname=Ada+Mae&appId=20`;

  test.each(['GET', 'DELETE'] as const)('%s carries the fields and appId in the query only', (method) => {
    const parts = buildActionHookRequest({ ...scope, action: hook(method), mode: 'converter' });
    expect(parts).toEqual({ method, url: `https://service.example.com/hook?v=1&${query}`, body: '' });
  });

  test.each(['POST', 'PUT', 'PATCH'] as const)(
    '%s carries them in the query and as a JSON body',
    (method) => {
      const parts = buildActionHookRequest({ ...scope, action: hook(method), mode: 'converter' });
      expect(parts.url).toBe(`https://service.example.com/hook?v=1&${query}`);
      expect(parts.contentType).toBe('application/json');
      expect(JSON.parse(parts.body)).toEqual({
        userId: '5',
        userEmail: 'loggedinuser@hubspot.com',
        associatedObjectId: '53701',
        associatedObjectType: 'CONTACT',
        portalId: '987654',
        firstname: 'Ada Mae',
      });
    },
  );

  test('drops empty values from the query', () => {
    const parts = buildActionHookRequest({
      ...scope,
      user: { id: 5, email: '' },
      action: hook('GET'),
      mode: 'converter',
    });
    expect(new URL(parts.url).searchParams.has('userEmail')).toBe(false);
  });

  test('joins its query to a uri that has one with &, as the converter does for hooks', () => {
    const parts = buildActionHookRequest({
      ...scope,
      action: hook('GET', 'https://service.example.com/hooks/close?tenant=acme'),
      mode: 'converter',
    });
    expect(parts.url.startsWith('https://service.example.com/hooks/close?tenant=acme&userId=5')).toBe(true);
  });

  test('refuses an IFRAME action', () => {
    const action: RenderedAction = { ...hook('GET'), type: 'IFRAME' };
    expect(() => buildActionHookRequest({ ...scope, action })).toThrow(
      expect.objectContaining({ code: 'DISPATCH_ACTION_NOT_A_HOOK' }),
    );
  });
});

describe('dispatchActionHook toasts', () => {
  const run = (reply: () => Response, mode: 'legacy' | 'converter') =>
    fireHook(hook('POST'), reply, { mode }).result;

  test('legacy shows the reply message on success and on failure', async () => {
    const ok = await run(() => jsonResponse({ message: 'Ticket closed' }), 'legacy');
    expect(ok.toast).toEqual({ kind: 'success', text: 'Ticket closed' });
    expect(ok.exchange).toMatchObject({ kind: 'crm-card.action-hook', outcome: 'ok' });
    const failed = await run(() => jsonResponse({ message: 'Already closed' }, 409), 'legacy');
    expect(failed.toast).toEqual({ kind: 'error', text: 'Already closed' });
    expect(failed.exchange.error?.code).toBe('DISPATCH_STATUS_NOT_OK');
  });

  test('legacy falls back to default text when the reply has no message', async () => {
    const ok = await run(() => new Response('done'), 'legacy');
    expect(ok.toast).toEqual({ kind: 'success', text: legacyFallbackToast.success });
    const failed = await run(() => new Response('', { status: 500 }), 'legacy');
    expect(failed.toast).toEqual({ kind: 'error', text: legacyFallbackToast.error });
  });

  test('legacy warns when message is not a string', async () => {
    const ok = await run(() => jsonResponse({ message: 42 }), 'legacy');
    expect(ok.toast.text).toBe(legacyFallbackToast.success);
    expect(ok.exchange.verdicts).toContainEqual(
      expect.objectContaining({ severity: 'warning', path: 'message' }),
    );
  });

  test('converter shows "<label> succeeded." or the failing status', async () => {
    const ok = await run(() => jsonResponse({ message: 'ignored' }), 'converter');
    expect(ok.toast).toEqual({ kind: 'success', text: 'Close ticket succeeded.' });
    const failed = await run(() => jsonResponse({ message: 'ignored' }, 404), 'converter');
    expect(failed.toast).toEqual({ kind: 'error', text: 'Error: Action failed with status 404' });
  });
});

describe('iframeUrl', () => {
  test('adds the associatedObjectProperties values the record has as query parameters', () => {
    const action: RenderedAction = {
      type: 'IFRAME',
      uri: 'https://service.example.com/edit?x=1#top',
      label: 'Edit',
      httpMethod: 'GET',
      associatedObjectProperties: ['company', 'phone', 'email'],
      width: 890,
      height: 748,
    };
    expect(iframeUrl({ action, record: contact })).toBe(
      'https://service.example.com/edit?x=1&company=A%26B%20Co&email=ada@example.com',
    );
    // The converter opens the bare uri (handleActionOnClick's openIframeModal).
    expect(iframeUrl({ action, record: contact, mode: 'converter' })).toBe(
      'https://service.example.com/edit?x=1#top',
    );
  });
});
