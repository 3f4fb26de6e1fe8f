import { afterEach, describe, expect, test } from 'vitest';
import { buildHardeningApp, routes } from './app.ts';
import { jsonBody } from './check-outcome.ts';
import { type RawOutcome, sendRaw } from './raw-http.ts';
import { buildRequest, channelSample, type RequestSpec } from './requests.ts';
import { adapterNames, type Served, startServer } from './servers.ts';

/** Short, so each case takes well under a second; the trickles below take far longer. */
const bodyTimeoutMs = 300;
/** 37 bytes at one byte per 100 ms: 3.7 s to send. An answer before this proves Spoke cut it off. */
const clientDeadlineMs = 3_000;

const channel: RequestSpec = {
  method: 'POST',
  target: routes.calls,
  body: JSON.stringify(channelSample),
  contentType: 'application/json',
};

function expectTimedOut(outcome: RawOutcome): void {
  expect(outcome.kind).toBe('response');
  if (outcome.kind !== 'response') return;
  expect(outcome.status).toBe(408);
  expect(jsonBody(outcome)).toMatchObject({ code: 'REQUEST_BODY_TIMEOUT', message: expect.any(String) });
  // Asked to close: the unread rest of the body must not be read as the next request.
  expect(outcome.headers.get('connection')).toBe('close');
}

describe.each(adapterNames)('slow bodies (slowloris) over %s', (adapter) => {
  let served: Served | undefined;
  afterEach(async () => {
    await served?.close();
    served = undefined;
  });

  async function setup(bodyTimeout = bodyTimeoutMs) {
    const built = buildHardeningApp({ bodyTimeout });
    served = await startServer(adapter, built.app);
    return { ...built, served };
  }

  test('a body trickled slower than bodyTimeout gets 408 REQUEST_BODY_TIMEOUT, the handler never runs', async () => {
    const { served, calls } = await setup();
    const outcome = await sendRaw(served, buildRequest(served.origin, 'trickle', channel), {
      trickle: { bytes: 1, everyMs: 100 },
      deadlineMs: clientDeadlineMs,
    });
    expectTimedOut(outcome);
    expect(calls.total).toBe(0);
  });

  test('a body that stops halfway (connection held open) gets 408, the handler never runs', async () => {
    const { served, calls } = await setup();
    const outcome = await sendRaw(served, buildRequest(served.origin, 'stall', channel), {
      sendBodyBytes: 10,
      deadlineMs: clientDeadlineMs,
    });
    expectTimedOut(outcome);
    expect(calls.total).toBe(0);
  });

  test('a body sent in slow pieces that still ends within bodyTimeout is accepted, and the server keeps serving', async () => {
    // 1 s here: the steady body takes ~80 ms, far inside it even on a loaded machine.
    const { served, calls } = await setup(1_000);
    const stalled = await sendRaw(served, buildRequest(served.origin, 'stall', channel), {
      sendBodyBytes: 5,
      deadlineMs: clientDeadlineMs,
    });
    expectTimedOut(stalled);
    const outcome = await sendRaw(served, buildRequest(served.origin, 'steady', channel), {
      trickle: { bytes: 10, everyMs: 20 },
      deadlineMs: clientDeadlineMs,
    });
    expect(outcome.kind === 'response' && outcome.status).toBe(200);
    expect(calls.byCase.get('steady')).toBe(1);
    expect(calls.byCase.get('stall')).toBeUndefined();
  });
});

describe('slow bodies behind express.json() (the host parser reads the body, not Spoke)', () => {
  let served: Served | undefined;
  afterEach(async () => {
    await served?.close();
    served = undefined;
  });

  test("Spoke's bodyTimeout does not apply, Node's requestTimeout does: 408 from Node, no handler call", async () => {
    // body-parser reads JSON bodies before Spoke sees the request and has no time limit of its own;
    // what bounds a slow client there is the HTTP server's requestTimeout (Node's default: 300 s).
    const built = buildHardeningApp({ bodyTimeout: bodyTimeoutMs });
    served = await startServer('express-json', built.app, { requestTimeoutMs: 1_000, checkEveryMs: 100 });
    const outcome = await sendRaw(served, buildRequest(served.origin, 'trickle', channel), {
      trickle: { bytes: 1, everyMs: 100 },
      deadlineMs: clientDeadlineMs,
    });
    expect(outcome.kind).toBe('response');
    if (outcome.kind === 'response') {
      expect(outcome.status).toBe(408);
      expect(outcome.elapsedMs).toBeGreaterThanOrEqual(1_000);
      expect(jsonBody(outcome)).toBeUndefined();
    }
    expect(built.calls.total).toBe(0);
  });

  test('without a host timeout, a trickled body is waited for to its end (bodyTimeout is bypassed)', async () => {
    // Documents the gap: 300 ms bodyTimeout, yet the request is served once the last byte arrives.
    const built = buildHardeningApp({ bodyTimeout: bodyTimeoutMs });
    served = await startServer('express-json', built.app);
    const outcome = await sendRaw(served, buildRequest(served.origin, 'trickle', channel), {
      trickle: { bytes: 4, everyMs: 100 },
      deadlineMs: 10_000,
    });
    expect(outcome.kind === 'response' && outcome.status).toBe(200);
    expect(outcome.elapsedMs).toBeGreaterThan(bodyTimeoutMs);
    expect(built.calls.byCase.get('trickle')).toBe(1);
  });

  test('a body cut off halfway is never handed to the handler in part: Node answers 400', async () => {
    const built = buildHardeningApp({ bodyTimeout: bodyTimeoutMs });
    served = await startServer('express-json', built.app);
    const outcome = await sendRaw(served, buildRequest(served.origin, 'cut', channel), {
      sendBodyBytes: 10,
      afterBody: 'half-close',
      deadlineMs: clientDeadlineMs,
    });
    expect(outcome.kind === 'response' && [outcome.status, outcome.body.byteLength]).toEqual([400, 0]);
    expect(built.calls.total).toBe(0);
  });
});
