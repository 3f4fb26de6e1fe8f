import { describe, expect, test } from 'vitest';
import { app, fixedNow, portal } from '../../test/helpers/dispatch-fixtures.ts';
import { jsonResponse, recordingFetch } from '../../test/helpers/recording-fetch.ts';
import { dispatchChannelConnection, pickerNumbers } from './channel-connection.ts';
import { createFetchTransport } from './fetch-transport.ts';
import { providerVisibility } from './provider-visibility.ts';

const url = 'https://service.example.com/channel-connection';

function connect(reply: () => Response) {
  const service = recordingFetch(reply);
  const result = dispatchChannelConnection({
    url,
    app,
    portal,
    user: { id: 5 },
    transport: createFetchTransport({ fetch: service.fetch }),
    clock: () => fixedNow,
  });
  return { service, result };
}

describe('pickerNumbers', () => {
  test('cuts friendlyName to 24 characters for display', () => {
    const [number] = pickerNumbers([
      { e164PhoneNumber: '+18001231234', friendlyName: 'Customer support line for Europe' },
    ]);
    expect(number).toMatchObject({
      displayName: 'Customer support line fo',
      friendlyName: 'Customer support line for Europe',
    });
    expect(number?.displayName).toHaveLength(24);
  });

  test('cuts by character, never splitting an emoji', () => {
    const [number] = pickerNumbers([
      { e164PhoneNumber: '+18001231234', friendlyName: `${'a'.repeat(23)}📞📞` },
    ]);
    expect(number?.displayName).toBe(`${'a'.repeat(23)}📞`);
  });

  test('lists a number with an extension as not selectable', () => {
    const numbers = pickerNumbers([
      { e164PhoneNumber: '+18001231234', extension: '1', friendlyName: 'Desk' },
      { e164PhoneNumber: '+18001231235', friendlyName: 'Main' },
    ]);
    expect(numbers.map((n) => [n.extension, n.selectable])).toEqual([
      ['1', false],
      [null, true],
    ]);
    expect(numbers[0]?.note).toContain('extension');
  });
});

describe('dispatchChannelConnection', () => {
  test('posts {appId, portalId, userId} and returns the picker model', async () => {
    const { service, result } = connect(() =>
      jsonResponse({
        phoneNumbers: [{ e164PhoneNumber: '+18001231234', extension: '1', friendlyName: 'Support line' }],
      }),
    );
    const { exchange, numbers } = await result;
    expect(service.calls[0]).toMatchObject({ method: 'POST', url });
    expect(JSON.parse(service.calls[0]?.body ?? '')).toEqual({
      appId: app.id,
      portalId: portal.id,
      userId: 5,
    });
    expect(exchange).toMatchObject({ kind: 'calling.channel-connection', outcome: 'ok' });
    expect(numbers).toEqual([
      expect.objectContaining({
        e164PhoneNumber: '+18001231234',
        displayName: 'Support line',
        selectable: false,
      }),
    ]);
  });

  test('rejects numbers that are not E.164', async () => {
    const { result } = connect(() =>
      jsonResponse({ phoneNumbers: [{ e164PhoneNumber: '800-123', friendlyName: 'x' }] }),
    );
    const { exchange, numbers } = await result;
    expect(numbers).toBeNull();
    expect(exchange.error?.code).toBe('DISPATCH_REPLY_INVALID');
    expect(exchange.schemaIssues[0]?.path).toBe('phoneNumbers.0.e164PhoneNumber');
  });
});

describe('providerVisibility', () => {
  test.each([
    [{ isReady: true }, false, 'selectable'],
    [{ isReady: true }, true, 'selectable'],
    [{ isReady: false }, false, 'greyed-out'],
    [{ isReady: false }, true, 'selectable'],
    [null, true, 'hidden'],
  ] as const)('settings %o with override %s is %s', (settings, override, expected) => {
    expect(providerVisibility({ settings, override })).toBe(expected);
  });
});
