import type { ShareViaEventResult, ShareViaFlowResult } from '@spoke/emulator';
import { afterEach, describe, expect, test } from 'vitest';
import { fakeService } from './helpers/fake-service.ts';
import { shareViaHandler } from './helpers/share-via-service.ts';
import { testEmulator } from './helpers/test-emulator.ts';

// SHARE_OBJECT carries `message` and `objectMetadata.screenshotUrl`, an image of the report the
// emulator serves itself. docs/protocol.md §3.
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function listening() {
  const service = fakeService(shareViaHandler());
  const emulator = await testEmulator({ fetch: service.fetch });
  cleanup.push(() => emulator.close());
  const { url } = await emulator.listen(0, '127.0.0.1');
  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };
  await fetch(`${url}/_spoke/apps/1000/share-via`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ targetUrl: 'https://share.test/hooks' }),
  });
  return { service, url, post };
}

function shareObjectBodies(service: ReturnType<typeof fakeService>) {
  return service.seen
    .filter((seen) => seen.url.endsWith('/SHARE_OBJECT'))
    .map((seen) => JSON.parse(seen.body) as { payload: Record<string, unknown> });
}

describe('SHARE_OBJECT screenshotUrl and message', () => {
  test('the flow sends the message and an absolute screenshotUrl on the emulator, which serves an SVG of the report', async () => {
    const { service, url, post } = await listening();
    const result = await post<ShareViaFlowResult>('/_spoke/apps/1000/share-via/flow', {
      message: 'New report for this week',
      objectMetadata: { id: 2334568, type: 2, name: 'Deals <closed> & won' },
    });
    expect(result.status).toBe('ok');
    const [sent] = shareObjectBodies(service);
    const metadata = sent?.payload.objectMetadata as { screenshotUrl: string; name: string };
    expect(sent?.payload.message).toBe('New report for this week');
    expect(metadata.name).toBe('Deals <closed> & won');
    expect(metadata.screenshotUrl).toBe(
      `${url}/_spoke/reports/2334568/screenshot.svg?name=Deals%20%3Cclosed%3E%20%26%20won`,
    );
    // The service can fetch it, as it would HubSpot's signed file URL.
    const image = await fetch(metadata.screenshotUrl);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    const svg = await image.text();
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<title>Deals &lt;closed&gt; &amp; won</title>');
    expect(svg).not.toContain('<closed>');
    // The stored share keeps it, so a scheduled or manual re-send carries the same URL and message.
    await post(`/_spoke/shares/${result.share?.id}/run`, {});
    const [, again] = shareObjectBodies(service);
    expect(again?.payload).toMatchObject({
      message: 'New report for this week',
      objectMetadata: { screenshotUrl: metadata.screenshotUrl },
    });
  });

  test('a single SHARE_OBJECT event gets one for the default report; a screenshotUrl given is kept', async () => {
    const { service, url, post } = await listening();
    const event = '/_spoke/apps/1000/share-via/SHARE_OBJECT';
    const recipient = { id: 'U1', name: 'Ada', type: 1 };
    const first = await post<ShareViaEventResult>(event, { recipient });
    expect(first.status).toBe('ok');
    const given = 'https://files.example.com/signed/report.png';
    await post(event, { recipient, objectMetadata: { id: 7, type: 2, name: 'Mine', screenshotUrl: given } });
    const [defaulted, kept] = shareObjectBodies(service);
    expect(defaulted?.payload.objectMetadata).toEqual({
      id: 2334567,
      type: 2,
      name: 'Chat Conversations',
      screenshotUrl: `${url}/_spoke/reports/2334567/screenshot.svg?name=Chat%20Conversations`,
    });
    expect(kept?.payload.objectMetadata).toMatchObject({ screenshotUrl: given });
  });

  test('the image route refuses a report id that is not a number', async () => {
    const { url } = await listening();
    const response = await fetch(`${url}/_spoke/reports/abc/screenshot.svg`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'API_VALIDATION_FAILED' });
  });
});
