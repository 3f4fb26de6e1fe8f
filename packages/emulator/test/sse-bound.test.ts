import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { createEventHub, type SseClientStats } from '../src/api/control/event-hub.ts';
import { fakeService, json } from './helpers/fake-service.ts';
import { call, testEmulator } from './helpers/test-emulator.ts';

// Memory held for a client that stops reading is measured as the bytes the server holds for it
// (queued in its stream + unflushed in Node's socket), not by time or RSS.

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

const bound = 1_048_576;
const calls = 300;
const padding = 'x'.repeat(100_000);

function openEvents(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        `GET /_spoke/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/event-stream\r\n\r\n`,
      );
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

describe('a live-events client that stops reading', () => {
  test('is held to the bound and disconnected; a reading client gets every event', async () => {
    const drops: SseClientStats[] = [];
    const events = createEventHub({ maxBufferedBytes: bound, onDrop: (client) => drops.push(client) });
    // Every call is logged with a ~100 KB reply: 300 calls publish ~30 MB of events.
    const service = fakeService(() =>
      json({ portalId: 62515, appId: 1000, eventType: 'CHECK_PERMISSIONS', payload: { padding } }),
    );
    const emulator = await testEmulator({ fetch: service.fetch, events, requestLog: { maxEntries: 20 } });
    cleanup.push(() => emulator.close());
    const { port } = await emulator.listen(0, '127.0.0.1');
    await call(emulator, 'PUT', '/_spoke/apps/1000/share-via', { targetUrl: 'https://share.test' });

    // The stalled client: a real socket that sends its request and never reads.
    const stalled = await openEvents(port);
    stalled.pause();
    cleanup.push(() => {
      stalled.destroy();
    });
    // A client that reads everything.
    const reading = await fetch(`http://127.0.0.1:${port}/_spoke/events`);
    const reader = (reading.body as ReadableStream<Uint8Array>).getReader();
    cleanup.push(() => reader.cancel().catch(() => undefined));
    let readingText = '';
    let readingFrames = 0;
    const decoder = new TextDecoder();
    const readAll = (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        readingText += decoder.decode(value, { stream: true });
        const frames = readingText.split('\n\n');
        readingText = frames.pop() ?? '';
        readingFrames += frames.filter((f) => f.startsWith('event: exchange')).length;
        if (readingFrames >= calls) return;
      }
    })();
    await expect.poll(() => events.clients().length).toBe(2);
    const [stalledId, readingId] = events.clients().map((c) => c.id);

    let peakWhileConnected = 0;
    let droppedAfter = -1;
    for (let i = 0; i < calls; i++) {
      const res = await call(emulator, 'POST', '/_spoke/apps/1000/share-via/CHECK_PERMISSIONS');
      expect(res.status).toBe(200);
      // The in-memory store never waits on I/O; let sockets run between calls, as real ones would.
      await new Promise((resolve) => setImmediate(resolve));
      for (const client of events.clients()) {
        expect(client.bufferedBytes, `client ${client.id} after call ${i}`).toBeLessThanOrEqual(bound);
        if (client.id === stalledId)
          peakWhileConnected = Math.max(peakWhileConnected, client.peakBufferedBytes);
      }
      if (droppedAfter === -1 && events.dropped().length > 0) droppedAfter = i + 1;
    }
    console.info(
      `sse-bound: stalled client dropped after ${droppedAfter} of ${calls} calls, peak held ${drops[0]?.peakBufferedBytes} bytes (bound ${bound})`,
    );

    // The stalled client was dropped, having never been held more than the bound.
    expect(events.dropped()).toEqual([stalledId]);
    expect(drops).toHaveLength(1);
    expect(drops[0]?.peakBufferedBytes).toBeLessThanOrEqual(bound);
    expect(peakWhileConnected).toBeLessThanOrEqual(bound);
    expect(events.clients().map((c) => c.id)).toEqual([readingId]);

    // The reading client got every event.
    await readAll;
    expect(readingFrames).toBe(calls);

    // The stalled client's connection was closed by the server: once it reads, it reaches the end
    // after far fewer bytes than were published.
    let received = 0;
    const ended = new Promise<void>((resolve) => {
      stalled.on('data', (chunk: Buffer) => {
        received += chunk.length;
      });
      stalled.once('close', () => resolve());
    });
    stalled.resume();
    await ended;
    expect(received).toBeLessThan(calls * padding.length);
  }, 60_000);

  test('in-process (no socket), a body nobody reads is errored at the bound, not buffered', async () => {
    const events = createEventHub({ maxBufferedBytes: 10_000 });
    const body = events.stream();
    const big = { type: 'state', data: { reason: 'mode' } } as const;
    for (let i = 0; i < 10_000 && events.dropped().length === 0; i++) events.publish(big);
    expect(events.dropped()).toHaveLength(1);
    expect(events.clients()).toEqual([]);
    const reader = body.getReader();
    // What was queued before the bound can still be read; then the stream reports the drop.
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return;
      })(),
    ).rejects.toThrow(/stopped reading/);
  });
});
