import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEmulator, type Emulator } from '@spoke/emulator';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureUiBuilt } from '../helpers/build-ui.ts';
import { chromiumArgs, findChromium } from '../helpers/chromium.ts';

// A real browser against a real emulator socket: a page on another origin tries to drive the
// emulator (CSRF) and read its state; a name rebound to 127.0.0.1 tries the same (DNS rebinding).
// Every attempt fails and the emulator's state is unchanged. docs/security.md.

const clientSecret = 'who-is-asking-client-secret-0001';
const developerApiKey = 'who-is-asking-developer-key';
let emulator: Emulator;
let emulatorUrl: string;
let emulatorPort: number;
let attacker: Server;
let attackerPort: number;
let browser: Browser;

/** The hostile page: every cross-site way to POST (fetch text/plain, no-cors, form, beacon, JSON) and a read. */
function attackPage(target: string): string {
  const body = JSON.stringify({ corruptSignature: true });
  return `<!doctype html><html><body>
<form id="form" method="POST" action="${target}/_spoke/faults" enctype="text/plain" target="sink">
  <input name='${body.slice(0, -1)}, "x":"' value='"}'>
</form>
<iframe name="sink" id="sink"></iframe>
<iframe id="framed" src="${target}/"></iframe>
<script>
window.results = {};
const body = ${JSON.stringify(body)};
const attempt = async (name, run) => {
  try { window.results[name] = await run(); } catch (error) { window.results[name] = 'error: ' + error.name; }
};
window.done = (async () => {
  await attempt('fetch-text-plain', async () => (await fetch('${target}/_spoke/faults', { method: 'POST', headers: { 'content-type': 'text/plain' }, body })).status);
  await attempt('fetch-no-cors', async () => (await fetch('${target}/_spoke/faults', { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body })).type);
  await attempt('fetch-json', async () => (await fetch('${target}/_spoke/faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status);
  await attempt('fetch-developer-api', async () => (await fetch('${target}/crm/v3/extensions/cards-dev/1000', { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body })).type);
  await attempt('beacon', async () => navigator.sendBeacon('${target}/_spoke/faults', new Blob([body], { type: 'text/plain' })));
  await attempt('read-state', async () => (await (await fetch('${target}/_spoke/state')).text()).slice(0, 40));
  await attempt('form', () => new Promise((resolve) => {
    document.getElementById('sink').addEventListener('load', () => resolve('submitted'), { once: true });
    document.getElementById('form').submit();
  }));
  return window.results;
})();
</script></body></html>`;
}

async function faults(): Promise<unknown[]> {
  const response = await emulator.fetch(new Request('http://emulator.test/_spoke/faults'));
  return ((await response.json()) as { results: unknown[] }).results;
}

async function cardCount(): Promise<number> {
  const response = await emulator.fetch(
    new Request(`http://emulator.test/crm/v3/extensions/cards-dev/1000?hapikey=${developerApiKey}`),
  );
  return ((await response.json()) as { results: unknown[] }).results.length;
}

async function openAttack(page: Page, origin: string): Promise<Record<string, unknown>> {
  await page.goto(`${origin}/attack`);
  return (await page.evaluate('window.done')) as Record<string, unknown>;
}

beforeAll(async () => {
  emulator = await createEmulator({ uiDir: ensureUiBuilt(), seed: { clientSecret, developerApiKey } });
  ({ url: emulatorUrl, port: emulatorPort } = await emulator.listen(0, '127.0.0.1'));
  attacker = createServer((req, res) => {
    const target = new URL(req.url ?? '/', 'http://x').searchParams.get('target') ?? emulatorUrl;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(attackPage(target));
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerPort = (attacker.address() as AddressInfo).port;
  browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    // A DNS name the attacker controls, now pointing at this machine: DNS rebinding.
    args: [...chromiumArgs, '--host-resolver-rules=MAP rebind.attacker.example 127.0.0.1'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => attacker?.close(resolve));
  await emulator?.close();
});

describe('a hostile page in a real browser', () => {
  test.each([
    ['another port on 127.0.0.1', () => `http://127.0.0.1:${attackerPort}`],
    ['another host name (localhost vs 127.0.0.1)', () => `http://localhost:${attackerPort}`],
  ])(
    'from %s: every POST is refused, the state cannot be read, the UI cannot be framed',
    async (_name, origin) => {
      const page = await browser.newPage();
      try {
        const before = await faults();
        const results = await openAttack(page, origin());
        // Each attempt ran to the end: the opaque ones were answered (a refused connection would throw).
        expect(results).toMatchObject({
          'fetch-text-plain': 'error: TypeError',
          'fetch-no-cors': 'opaque',
          'fetch-json': 'error: TypeError',
          'fetch-developer-api': 'opaque',
          'read-state': 'error: TypeError',
          form: 'submitted',
        });
        expect(await faults()).toEqual(before);
        expect(await cardCount()).toBe(0);
        // The form's reply (a cross-origin frame, read here through the browser's own tools) is the refusal.
        const sink = page.frames().find((frame) => frame.name() === 'sink');
        expect(await sink?.evaluate('document.body.textContent')).toContain('API_CROSS_SITE_REQUEST');
        // Framing the UI is refused by frame-ancestors / X-Frame-Options: nothing renders inside.
        const framed = page.frames().find((frame) => frame.url().startsWith(emulatorUrl));
        const rendered = await framed
          ?.evaluate("document.getElementById('root')?.childElementCount ?? 0")
          .catch(() => 0);
        expect(rendered ?? 0).toBe(0);
      } finally {
        await page.close();
      }
    },
  );

  test('DNS rebinding: a name rebound to 127.0.0.1 gets 403 for the state and the UI, and its own page cannot POST', async () => {
    const page = await browser.newPage();
    try {
      const rebound = `http://rebind.attacker.example:${emulatorPort}`;
      const state = await page.goto(`${rebound}/_spoke/state`);
      expect(state?.status()).toBe(403);
      const text = (await state?.text()) ?? '';
      expect(text).toContain('API_HOST_NOT_ALLOWED');
      expect(text).not.toContain(clientSecret);
      expect((await page.goto(`${rebound}/`))?.status()).toBe(403);
      // The attacker's page, served under the rebound name, POSTs "same-origin" to the emulator's port.
      const before = await faults();
      const results = await openAttack(page, `http://rebind.attacker.example:${attackerPort}`);
      expect(results['read-state']).toBe('error: TypeError');
      expect(await faults()).toEqual(before);
    } finally {
      await page.close();
    }
  });
});

describe('the web UI in a real browser', () => {
  test('runs under its Content-Security-Policy with no violation, and a malformed route shows an error', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    try {
      const response = await page.goto(`${emulatorUrl}/#/records`);
      expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'self'");
      await page.getByRole('navigation').first().waitFor();
      await page.goto(`${emulatorUrl}/#/%`);
      await page.getByText('This address cannot be read').waitFor();
      await page.goto(`${emulatorUrl}/#/records/%E0`);
      await page.reload();
      await page.getByText('This address cannot be read').waitFor();
      expect(await page.getByRole('navigation').count()).toBeGreaterThan(0);
      expect(violations).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
