import { mkdirSync, writeFileSync } from 'node:fs';
import type { Frame, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startXssFixture, type XssFixture } from './helpers/xss-fixture.ts';
import { dangerousUrls } from './helpers/xss-hooks.ts';
import { asJsonText, type Placement, type Surface } from './helpers/xss-placements.ts';
import { xssVectors } from './helpers/xss-vectors.ts';

let fx: XssFixture;
let page: Page;
/** Tags whose text was seen on screen. */
const seen = new Set<string>();
const dangerousFound: string[] = [];
const escapes: { target: string; probe: string; reached: boolean }[] = [];
const refusedFrames: string[] = [];
/** Text of every IFRAME dialog opened, where the URL it loads is listed. */
const iframeDialogTexts: string[] = [];

beforeAll(async () => {
  fx = await startXssFixture();
  page = fx.page;
});

afterAll(async () => {
  if (fx) writeReport();
  await fx?.close();
});

// After every test: nothing ran anywhere (hooks, dialogs, DOM, navigations), collected across frames.
let reported = 0;
afterEach(async () => {
  const findings = await fx.monitor.sweep();
  const fresh = findings.slice(reported);
  reported = findings.length;
  expect(fresh).toEqual([]);
});

async function visit(hash: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${fx.url}/${hash}`);
}

/** Placements of `surface` (optionally only some fields) that must be on screen now. */
function wanted(surface: Surface, fields?: (field: string) => boolean): Placement[] {
  return fx.plan.placements.filter(
    (p) => p.surface === surface && p.shown !== null && (fields === undefined || fields(p.field)),
  );
}

/** Which of `texts` are neither in the page's text nor in any attribute value. */
async function missingTexts(texts: readonly string[]): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const parts = [document.body.textContent || ''];
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.attributes) parts.push(attribute.value);
    }
    const haystack = parts.join('\\n');
    return ${JSON.stringify(texts)}.filter((text) => !haystack.includes(text));
  })()`)) as string[];
}

/** The placements' strings are rendered (as text or attribute values) right now: none was dropped. */
async function expectShown(placements: readonly Placement[]): Promise<void> {
  expect(placements.length).toBeGreaterThan(0);
  const missing = await missingTexts(placements.map((p) => p.shown ?? ''));
  const missed = placements.filter((p) => missing.includes(p.shown ?? '')).map((p) => p.tag);
  expect(missed).toEqual([]);
  for (const p of placements) seen.add(`${p.surface}|${p.tag}`);
}

/** No link, iframe or form on the page points at a javascript:, data: or vbscript: URL. */
async function expectNoDangerousUrls(where: string): Promise<void> {
  const found = await dangerousUrls(page);
  dangerousFound.push(...found.map((f) => `${where}: ${f}`));
  expect(found).toEqual([]);
}

/**
 * Clicks through the DOM (a trusted-enough click for React) without Playwright's actionability
 * waits, which cost hundreds of milliseconds per click on a busy machine.
 */
async function press(target: Locator): Promise<void> {
  await target.dispatchEvent('click');
}

/** Index of the first element of `scope` whose text contains `text` (vectors make poor locators). */
async function indexOfText(scope: Locator, text: string): Promise<number> {
  const texts = await scope.allTextContents();
  const index = texts.findIndex((t) => t.includes(text));
  expect(index).toBeGreaterThanOrEqual(0);
  return index;
}

/**
 * From inside an IFRAME action's page, tries to reach the emulator's window: read its document,
 * storage and location, find the frame element, call its functions, then navigate the top window.
 */
async function probeEscape(frame: Frame, target: string): Promise<void> {
  const results = (await frame.evaluate(`(() => {
    const out = [];
    const attempt = (probe, run) => {
      try {
        const value = run();
        out.push({ probe, reached: value !== null && value !== undefined });
      } catch {
        out.push({ probe, reached: false });
      }
    };
    attempt('parent.document', () => window.parent.document.title);
    attempt('top.location.href', () => window.top.location.href);
    attempt('parent.localStorage', () => window.parent.localStorage.length);
    attempt('window.frameElement', () => window.frameElement);
    attempt('parent.__xss()', () => {
      window.parent.__xss('iframe-escape@parent');
      return true;
    });
    return out;
  })()`)) as { probe: string; reached: boolean }[];
  await frame
    .evaluate(`(() => {
      try {
        window.top.location.href = 'about:blank#escaped';
      } catch {}
    })()`)
    .catch(() => {});
  // A top navigation the sandbox allowed would have left the emulator's page by now (a grace
  // period for a negative check, not a timing assertion).
  await page.waitForTimeout(200);
  results.push({ probe: 'top.location = …', reached: !page.url().startsWith(fx.url) });
  for (const r of results) escapes.push({ target, ...r });
}

describe('XSS corpus in every string a service or user supplies', () => {
  test('record page: card titles, items, every data type, labels, links and record properties stay text', async () => {
    await visit(`#/records/contacts/${fx.records.contact.id}`);
    // Six cards: legacy and sections render, four fail with service text in their reasons.
    await page.waitForFunction(
      "document.querySelectorAll('.crm-card .card-error').length === 4 && document.querySelectorAll('.card-item').length === 7",
    );
    const later = new Set([
      'hook.reply.message',
      'settingsAction.uri',
      'secondaryAction.uri',
      'secondaryAction.label',
      'action.CONFIRMATION.message',
      'action.CONFIRMATION.confirm',
      'action.CONFIRMATION.cancel',
      'v3action.prompt',
      'v3action.confirm',
      'v3action.cancel',
    ]);
    await expectShown(wanted('record', (f) => !later.has(f)));
    await expectNoDangerousUrls('record page');

    // Inert links stay inert when clicked.
    const inert = page.locator('.link-inert');
    const count = await inert.count();
    expect(count).toBeGreaterThanOrEqual(10);
    for (let i = 0; i < count; i++) await press(inert.nth(i));
    expect(page.url().startsWith(fx.url)).toBe(true);
  });

  test('record page: IFRAME, action hook and confirmation actions show service text inertly', {
    timeout: 60_000,
  }, async () => {
    await visit(`#/records/contacts/${fx.records.contact.id}`);
    await page.waitForFunction("document.querySelectorAll('.card-item').length === 7");
    const buttons = page.locator('.record-sidebar button[data-action-type]');
    const total = await buttons.count();
    expect(total).toBe(6);
    let confirmations = 0;
    for (let i = 0; i < total; i++) {
      const button = buttons.nth(i);
      const type = await button.getAttribute('data-action-type');
      await press(button);
      if (type === 'IFRAME') {
        await handleIframe();
      } else if (type === 'CONFIRMATION_ACTION_HOOK') {
        const dialog = page.getByRole('alertdialog');
        await dialog.waitFor();
        confirmations += 1;
        const texts = (await dialog.textContent()) ?? '';
        const mine = fx.plan.placements.filter(
          (p) =>
            /^(action\.CONFIRMATION|v3action)\.(message|prompt|confirm|cancel)$/.test(p.field) &&
            texts.includes(p.value),
        );
        // The message and both button texts of this action, several vectors each.
        expect(mine.length).toBeGreaterThanOrEqual(5);
        await expectShown(mine);
        await press(dialog.locator('[data-autofocus]'));
        await dialog.waitFor({ state: 'detached' });
        await page.getByRole('status').first().waitFor();
        await expectShown(wanted('record', (f) => f === 'hook.reply.message'));
        await dismissToasts();
      } else {
        await page.locator('.toast').first().waitFor();
        await expectShown(wanted('record', (f) => f === 'hook.reply.message'));
        await dismissToasts();
      }
      await expectNoDangerousUrls(`after ${type} action ${i}`);
    }
    expect(confirmations).toBe(3);

    // The secondary action sits in the Actions menu and fails: its error toast.
    await page.getByRole('button', { name: 'Actions ▾' }).click();
    await expectShown(wanted('record', (f) => f === 'secondaryAction.uri'));
    await page.locator('.menu-list button[data-action-type]').first().click();
    await page.getByRole('alert').first().waitFor();

    // The settings action (⚙) opens an IFRAME whose URL is listed under it.
    await page.locator('.crm-card-tools button[aria-label^="Settings"]').first().click();
    await handleIframe();
    // Each IFRAME dialog listed the URL it loaded, hostile query and all.
    const frameUris = wanted('record', (f) => /^(action\.IFRAME|primaryAction|settingsAction)\.uri$/.test(f));
    expect(frameUris.length).toBe(6);
    expect(
      frameUris.filter((p) => !iframeDialogTexts.some((t) => t.includes(p.value))).map((p) => p.tag),
    ).toEqual([]);
    for (const p of frameUris) seen.add(`${p.surface}|${p.tag}`);

    // The messages the IFRAME page posted are listed as UI events in the inspector, as text.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /Inspector/ })
      .click();
    await page.getByRole('combobox', { name: 'Kind' }).selectOption('ui');
    const rows = page.getByRole('region', { name: 'Requests' }).locator('.exchange-row');
    await rows.filter({ hasText: 'not-json' }).first().click();
    const detail = page.getByRole('article', { name: 'Browser event detail' });
    const text = (await detail.textContent()) ?? '';
    expect(fx.content.framePosts.some((post) => text.includes(post))).toBe(true);
    await expectNoDangerousUrls('inspector ui events');
  });

  /** Closes every toast: they sit over the card sidebar and would hold up the next click. */
  async function dismissToasts(): Promise<void> {
    const dismiss = page.locator('.toast button[aria-label="Dismiss"]');
    while ((await dismiss.count()) > 0) await press(dismiss.first());
  }

  /** Waits for an IFRAME dialog, checks the page's posted messages, probes an escape, closes it. */
  async function handleIframe(): Promise<void> {
    const dialog = page.getByRole('dialog');
    const frameElement = dialog.locator('iframe.action-frame');
    await frameElement.waitFor();
    const frame = await (await frameElement.elementHandle())?.contentFrame();
    expect(frame).toBeTruthy();
    if (!frame) return;
    await dialog
      .locator('.frame-message')
      .nth(fx.content.framePosts.length - 1)
      .waitFor();
    await expectShown(wanted('iframe', (f) => f === 'iframe.postMessage'));
    iframeDialogTexts.push((await dialog.textContent()) ?? '');
    await probeEscape(frame, 'service page (cross-origin)');
    await expectNoDangerousUrls('IFRAME dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  }

  test('IFRAME sandbox: no page, cross-origin or on the emulator origin, reaches the emulator window', async () => {
    await visit(`#/records/companies/${fx.records.company.id}`);
    const buttons = page.locator('.record-sidebar button[data-action-type="IFRAME"]');
    await buttons.first().waitFor();
    expect(await buttons.count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      const label = ((await buttons.nth(i).textContent()) ?? '').trim();
      await press(buttons.nth(i));
      const dialog = page.getByRole('dialog');
      await dialog.locator('iframe.action-frame, .value-invalid').first().waitFor();
      const frameElement = dialog.locator('iframe.action-frame');
      if ((await frameElement.count()) > 0) {
        const frame = await (await frameElement.elementHandle())?.contentFrame();
        if (frame) {
          await frame.waitForLoadState();
          await probeEscape(frame, label);
        }
      } else {
        refusedFrames.push(`${label}: ${(await dialog.locator('.value-invalid').textContent()) ?? ''}`);
      }
      if (page.url().startsWith(fx.url)) {
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
      }
    }
    const reached = escapes.filter((e) => e.reached);
    expect(reached).toEqual([]);
    // The two pages on the emulator's own origin are refused with the code, not loaded.
    expect(refusedFrames).toEqual([
      expect.stringContaining('UI_IFRAME_SAME_ORIGIN'),
      expect.stringContaining('UI_IFRAME_SAME_ORIGIN'),
    ]);
    expect(escapes.filter((e) => e.target.includes('Cross-origin')).length).toBeGreaterThan(0);
  });

  test('converter mode: IFRAME URLs with javascript:, data: and vbscript: are refused, never loaded', async () => {
    await fx.call('/_spoke/mode', { method: 'PUT', body: { mode: 'converter' } });
    try {
      await visit(`#/records/deals/${fx.records.deal.id}`);
      // The platform's baseUrls check applies in every mode (docs/protocol.md §2.4): the card with
      // these URLs fails before the UI is handed an action, its reasons shown as text.
      const refused = page.locator('.crm-card .card-error .issue-list li').filter({ hasText: 'is refused' });
      await refused.first().waitFor();
      expect(await refused.count()).toBeGreaterThanOrEqual(fx.content.converterIframes.length - 2);
      expect(
        await page
          .locator('.record-sidebar button[data-action-type="IFRAME"]', { hasText: 'Hostile frame' })
          .count(),
      ).toBe(0);
      await expectNoDangerousUrls('converter card');
    } finally {
      await fx.call('/_spoke/mode', { method: 'PUT', body: { mode: 'legacy' } });
    }
  });

  test('Share via: app names, recipients, typed search and message, recipientUrl stay inert', async () => {
    await visit('#/reports');
    await page.getByRole('button', { name: 'Actions for Chat Conversations' }).click();
    await page.getByRole('button', { name: 'Share via' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('.app-choice').first().waitFor();
    await expectShown(wanted('share', (f) => f === 'app.name (denied)'));
    await expectShown(wanted('apps', (f) => f === 'app.name'));

    const choices = dialog.locator('.app-choice');
    await choices.nth(await indexOfText(choices, fx.content.deniedAppName)).click();
    await dialog.getByRole('alert').waitFor();

    await choices.nth(await indexOfText(choices, fx.content.appName)).click();
    await dialog.getByText('Page 1 · 1–10 of 12').waitFor();
    const names = fx.content.recipients.map((r) => r.name);
    await expectShown(
      wanted('share', (f) => f === 'recipient.name').filter((p) => names.indexOf(p.value) < 10),
    );
    await dialog.getByRole('button', { name: 'Next page ›' }).click();
    await dialog.getByText('Page 2 · 11–12 of 12').waitFor();
    await expectShown(
      wanted('share', (f) => f === 'recipient.name').filter((p) => names.indexOf(p.value) >= 10),
    );
    await expectNoDangerousUrls('recipient picker');

    // What the user types: a search (the service echoes it back as a recipient) and the message.
    await dialog.getByRole('searchbox', { name: 'Search recipients' }).fill(fx.content.typed.recipientSearch);
    await dialog.getByText('Page 1 · 1–1 of 1').waitFor();
    await expectShown(wanted('share', (f) => f === 'typed.recipientSearch'));
    await dialog.locator('.recipient-option').first().click();
    await dialog.getByLabel('Message (optional)').fill(fx.content.typed.shareMessage);
    await dialog.getByRole('button', { name: 'Send now' }).click();
    const done = dialog.getByRole('status');
    await done.waitFor();
    await expectShown(wanted('share', (f) => f === 'share.recipientUrl'));
    await expectNoDangerousUrls('share sent');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('region', { name: 'Shares' }).locator('.link-inert').first().waitFor();
    await expectShown(wanted('share', (f) => f === 'typed.shareMessage'));
    await expectNoDangerousUrls('shares history');
  });

  test('calling: provider names and friendly names from the webhook render as text', async () => {
    await visit('#/help-desk');
    await page.getByRole('button', { name: 'Connect channel' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect a channel' });
    await dialog.getByRole('button', { name: /Calling/ }).click();
    const providers = dialog.locator('.provider');
    await providers.nth(1).waitFor();
    await expectShown(wanted('calling', (f) => f.startsWith('calling.name')));

    await providers.nth(await indexOfText(providers, fx.content.brokenCallingName)).click();
    await dialog.getByRole('alert').waitFor();

    await providers.nth(await indexOfText(providers, fx.content.callingName)).click();
    await dialog
      .locator('.number-option')
      .nth(fx.content.phoneNumbers.length - 1)
      .waitFor();
    await expectShown(wanted('calling', (f) => f.startsWith('number.')));
    await dialog.getByRole('radio').first().check();
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await dialog.waitFor({ state: 'detached' });
    const table = page.getByRole('region', { name: 'Connected channels' });
    await table.getByText('+18005550100').waitFor();
    const first = fx.plan.placements.find((p) => p.field === 'number.friendlyName');
    if (first) await expectShown([{ ...first, surface: 'calling' }]);
    await expectNoDangerousUrls('help desk');
  });

  test('Apps screen: app names, card titles, property labels and URLs are text', async () => {
    await visit('#/apps');
    await page.locator('.panel table').first().waitFor();
    await page.waitForFunction("document.querySelectorAll('.panel table tbody tr').length >= 8");
    await expectShown(wanted('apps'));
    await expectNoDangerousUrls('apps');
  });

  test('Inspector: hostile reply bodies and headers, request bodies, replay and a typed filter stay text', async () => {
    await visit('#/inspector');
    const list = page.getByRole('region', { name: 'Requests' });
    const filter = page.getByRole('searchbox', { name: 'Filter requests' });
    const detail = page.getByRole('article', { name: 'Request detail' });
    const open = async (text: string) => {
      await filter.fill(text);
      await list.locator('.exchange-row').first().click();
      await detail.waitFor();
    };
    const legacyTitles = fx.plan.placements.filter((p) => p.field === 'item.title');
    const asJson = (ps: readonly Placement[]): Placement[] =>
      ps.map((p) => ({ ...p, surface: 'inspector', shown: asJsonText(p.value) }));

    await open('/card/legacy');
    await detail.getByText('Status').first().waitFor();
    await expectShown([...asJson(legacyTitles), ...wanted('inspector', (f) => f === 'reply.header')]);

    await open('/card/html');
    await expectShown(wanted('inspector', (f) => f === 'reply.htmlBody'));
    await detail.getByRole('button', { name: 'Replay (fresh timestamp)' }).click();
    await detail.getByText('replay of').waitFor();
    await expectShown(wanted('inspector', (f) => f === 'reply.htmlBody'));

    await open('SHARE_OBJECT');
    const message = fx.plan.placements.filter((p) => p.field === 'typed.shareMessage');
    await expectShown(asJson(message));

    await open('/numbers');
    await expectShown(asJson(fx.plan.placements.filter((p) => p.field === 'number.friendlyName')));
    await expectNoDangerousUrls('inspector');

    await filter.fill(fx.content.typed.inspectorFilter);
    await expect.poll(() => list.locator('.exchange-row').count()).toBe(0);
  });
});

/** Prints vectors × surfaces and writes .spoke/hardening/ui-xss.json. */
function writeReport(): void {
  const surfaces: Surface[] = ['record', 'iframe', 'share', 'calling', 'apps', 'inspector'];
  const executions = fx.monitor.findings.length;
  const unique = new Map(fx.plan.placements.map((p) => [p.tag, p]));
  const rows = xssVectors.map((vector) => {
    const mine = fx.plan.placements.filter((p) => p.vector.id === vector.id);
    const row: Record<string, string | number> = { vector: vector.id };
    for (const s of surfaces) row[s] = mine.filter((p) => p.surface === s).length;
    row.fields = new Set(mine.map((p) => p.field)).size;
    row.executed = fx.monitor.findings.filter((f) => f.detail.startsWith(`${vector.id}@`)).length;
    return row;
  });
  const header = ['vector', ...surfaces, 'fields', 'executed'];
  const lines = [
    header.map((h) => h.padEnd(h === 'vector' ? 20 : 9)).join(''),
    ...rows.map((r) => header.map((h) => String(r[h]).padEnd(h === 'vector' ? 20 : 9)).join('')),
  ];
  console.info(`XSS corpus × UI surfaces (executions must be 0)\n${lines.join('\n')}`);
  const summary = {
    vectors: xssVectors.length,
    fields: new Set(fx.plan.placements.map((p) => p.field)).size,
    placements: unique.size,
    placementsSeenRendered: new Set([...seen].map((s) => s.split('|')[1])).size,
    checksOnScreen: seen.size,
    checksOnScreenBySurface: Object.fromEntries(
      surfaces.map((s) => [s, [...seen].filter((key) => key.startsWith(`${s}|`)).length]),
    ),
    surfaces: Object.fromEntries(
      surfaces.map((s) => [s, fx.plan.placements.filter((p) => p.surface === s).length]),
    ),
    executions,
    findings: fx.monitor.findings,
    dangerousHrefsFound: dangerousFound.length,
    dangerousHrefs: dangerousFound,
    iframeEscapeAttempts: escapes.length,
    iframeEscapesReached: escapes.filter((e) => e.reached).length,
    iframeEscapeProbes: escapes,
    iframesRefused: refusedFrames,
  };
  const dir = new URL('../../.spoke/hardening/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL('ui-xss.json', dir), `${JSON.stringify(summary, null, 2)}\n`);
}
