import { createHmac } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from '@spoke/emulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runPush } from '../src/commands/push.ts';
import { triggerCard } from '../src/trigger/trigger-card.ts';
import { configCard } from './helpers/fixtures.ts';
import { inProcessBase, inProcessEmulator, testApiKey, testSecret } from './helpers/in-process-emulator.ts';
import { memoryIo } from './helpers/memory-io.ts';

// A service behind a tunnel, without Spoke: it verifies v3 against https://app.example.com + the
// path and query it received, and answers 401 otherwise.
const publicOrigin = 'https://app.example.com';
let server: Server;
let origin: string;
let emulator: Emulator;
let routed: typeof fetch;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const timestamp = String(req.headers['x-hubspot-request-timestamp'] ?? '');
      const expected = createHmac('sha256', testSecret)
        .update(`${req.method}${publicOrigin}${req.url}${timestamp}`)
        .digest('base64');
      const ok = req.headers['x-hubspot-signature-v3'] === expected;
      res
        .writeHead(ok ? 200 : 401, { 'content-type': 'application/json' })
        .end(ok ? JSON.stringify({ results: [] }) : '{"message":"SIGNATURE_MISMATCH"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ({ emulator, fetch: routed } = await inProcessEmulator());
  const dir = await mkdtemp(join(tmpdir(), 'spoke-public-url-'));
  const card = configCard({
    fetch: { targetUrl: `${origin}/card`, objectTypes: [{ name: 'contacts', propertiesToSend: [] }] },
    actions: { baseUrls: [origin] },
  });
  await writeFile(join(dir, 'spoke.config.json'), JSON.stringify({ cards: [card], mode: 'converter' }));
  await runPush(
    { api: inProcessBase, hapikey: testApiKey, appId: '1000', config: 'spoke.config.json' },
    memoryIo({ cwd: dir, fetch: routed }),
  );
});
afterAll(async () => {
  await emulator.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const card = { param: [], baseUrl: [], title: 'Card' };
async function app() {
  const got = (await (await routed(`${inProcessBase}/_spoke/apps/1000`)).json()) as {
    publicUrl?: unknown;
    mode?: unknown;
  };
  return { publicUrl: got.publicUrl ?? null, mode: got.mode ?? null };
}

describe('spoke trigger --public-url', () => {
  test('direct: signs for the public URL and delivers to --url; without it the service refuses', async () => {
    const out = memoryIo({ now: Date.now });
    const code = await triggerCard(
      { ...card, url: `${origin}/card`, secret: testSecret, publicUrl: publicOrigin },
      out,
    );
    expect(out.out()).toContain(`→ GET ${origin}/card?`);
    expect(out.out()).toContain(`signed for ${publicOrigin}/card?`);
    expect(code).toBe(0);
    const refused = memoryIo({ now: Date.now });
    expect(await triggerCard({ ...card, url: `${origin}/card`, secret: testSecret }, refused)).toBe(1);
    expect(refused.out()).toContain('401');
  });

  test('refuses a --public-url with a query as a usage error', async () => {
    await expect(
      triggerCard(
        { ...card, url: `${origin}/card`, secret: testSecret, publicUrl: `${publicOrigin}/?x=1` },
        memoryIo({ now: Date.now }),
      ),
    ).rejects.toMatchObject({ code: 'CLI_OPTION_INVALID', message: expect.stringContaining('--public-url') });
  });

  test("--emulator: sets the app's public URL and, for an app with its own mode, the app's mode for one call, then restores both", async () => {
    expect(await app()).toEqual({ publicUrl: null, mode: 'converter' });
    const out = memoryIo({ fetch: routed, now: Date.now });
    const code = await triggerCard(
      { ...card, emulator: inProcessBase, record: 'contacts:101', publicUrl: publicOrigin, mode: 'legacy' },
      out,
    );
    expect(out.err()).toContain(`signing app 1000's calls for ${publicOrigin}`);
    expect(out.err()).toContain('switching app 1000 to legacy mode');
    expect(out.out()).toContain('┌ Issues (0)  [legacy]');
    expect(code).toBe(0);
    expect(await app()).toEqual({ publicUrl: null, mode: 'converter' });
  });
});
