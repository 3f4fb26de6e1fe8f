import { describe, expect, test } from 'vitest';
import { jsonResponse, recordingFetch } from '../../test/helpers/recording-fetch.ts';
import { createFetchTransport } from './fetch-transport.ts';
import { withFaults } from './with-faults.ts';

const get = { method: 'GET', url: 'http://service.test/card', headers: {}, body: '' };

function service(delayMs = 0) {
  return recordingFetch(async () => {
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    return jsonResponse({ ok: true });
  });
}

describe('withFaults', () => {
  test('returns the transport itself when no transport fault is set', () => {
    const transport = createFetchTransport({ fetch: service().fetch });
    expect(withFaults(transport, { corruptSignature: true })).toBe(transport);
  });

  test('latency delays the call and counts in the total time', async () => {
    const fake = service();
    const transport = withFaults(createFetchTransport({ fetch: fake.fetch, totalTimeoutMs: 500 }), {
      latencyMs: 40,
    });
    const outcome = await transport.send(get);
    expect(outcome.error).toBeNull();
    expect(outcome.timing.totalMs).toBeGreaterThanOrEqual(40);
    expect(fake.calls).toHaveLength(1);
  });

  test('latency at or past the deadline fails with the deadline and never calls the service', async () => {
    const fake = service();
    const transport = withFaults(createFetchTransport({ fetch: fake.fetch, totalTimeoutMs: 50 }), {
      latencyMs: 80,
    });
    const outcome = await transport.send(get);
    expect(outcome.error?.code).toBe('DISPATCH_DEADLINE_EXCEEDED');
    expect(outcome.error?.message).toContain('80 ms of latency');
    expect(fake.calls).toHaveLength(0);
  });

  test('latency leaves the service only the rest of the budget', async () => {
    const fake = service(60);
    const transport = withFaults(createFetchTransport({ fetch: fake.fetch, totalTimeoutMs: 100 }), {
      latencyMs: 60,
    });
    const outcome = await transport.send(get);
    expect(outcome.error?.code).toBe('DISPATCH_DEADLINE_EXCEEDED');
    expect(fake.calls).toHaveLength(1);
  });

  test('a forced status answers without calling the service', async () => {
    const fake = service();
    const outcome = await withFaults(createFetchTransport({ fetch: fake.fetch }), { forceStatus: 503 }).send(
      get,
    );
    expect(outcome.reply).toMatchObject({ status: 503, body: '' });
    expect(outcome.error).toBeNull();
    expect(fake.calls).toHaveLength(0);
  });

  test('a dropped connection fails without calling the service', async () => {
    const fake = service();
    const outcome = await withFaults(createFetchTransport({ fetch: fake.fetch }), {
      dropConnection: true,
    }).send(get);
    expect(outcome.error?.code).toBe('DISPATCH_CONNECTION_FAILED');
    expect(outcome.reply).toBeNull();
    expect(fake.calls).toHaveLength(0);
  });
});
