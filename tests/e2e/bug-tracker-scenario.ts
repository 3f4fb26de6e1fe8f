import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@hubspot/api-client';
import type {
  ActionResult,
  CardView,
  Exchange,
  NumbersResult,
  OpenRecordResult,
  ShareViaFlowResult,
} from '@spoke/emulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { portProblem } from '../../tools/start/ports.ts';
import { type PostgresServer, startPostgres } from '../helpers/postgres.ts';
import { controlApi, hiddenInputs, selectedOption } from './helpers/control-api.ts';
import { type RunningStart, runNpmStart } from './helpers/run-npm-start.ts';

// The README's quick start, end to end: `npm start` brings up the emulator and the bug tracker as
// real processes, pushes spoke.config.json and seeds records; the scenario then does what a
// newcomer clicks through, over HTTP, and Ctrl-C stops everything. Once on SQLite, once on Postgres.

const appId = 1000;
const developerApiKey = 'spoke-dev-key';

/**
 * Registers the scenario for one storage of the bug tracker. Each storage has its own test file,
 * so the two runs can go in parallel.
 */
export function describeBugTrackerScenario(kind: 'sqlite' | 'postgres'): void {
  describe(`npm start with the bug tracker on ${kind}`, () => {
    let running: RunningStart;
    let postgres: PostgresServer | undefined;
    let dataDir = '';
    let contactId = '';
    const api = <T>(method: string, path: string, body?: unknown) =>
      controlApi<T>(running.emulatorUrl, method, path, body);
    const openContact = async () => {
      const opened = await api<OpenRecordResult>('POST', `/_spoke/records/contacts/${contactId}/cards`, {});
      const card = opened.cards.find((view) => view.title.startsWith('Bug Tracker issues'));
      if (card === undefined)
        throw new Error(`no Bug Tracker card on contact ${contactId}: ${JSON.stringify(opened.cards)}`);
      return card;
    };
    const runAction = (card: CardView, action: unknown) =>
      api<ActionResult>('POST', `/_spoke/records/contacts/${contactId}/actions`, {
        appId,
        cardId: card.cardId,
        action,
      });
    /** Files an issue through the card's New issue IFRAME form, as a user does; returns the card's IFRAME URL. */
    const fileIssue = async (title: string) => {
      const card = await openContact();
      const opened = await runAction(card, card.card?.primaryAction);
      expect(opened).toMatchObject({ type: 'IFRAME', status: 'ok' });
      const frameUrl = opened.iframe?.url ?? '';
      const form = await (await fetch(frameUrl)).text();
      const posted = await fetch(`${running.exampleUrl}/hubspot/iframe/new-issue`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          ...hiddenInputs(form),
          projectId: selectedOption(form, 'projectId') ?? '',
          title,
          state: 'open',
          revenue: '2400',
          currency: 'USD',
          dueDate: '2026-12-31',
          votes: '2',
          reporterEmail: 'maria.johnson@acmerobotics.com',
        }).toString(),
      });
      expect(posted.status).toBe(201);
      return { frameUrl, form, confirmation: await posted.text() };
    };
    /** Closes the card's issue titled `title` with its Close issue action hook. */
    const closeIssue = async (title: string) => {
      const card = await openContact();
      const item = card.items.find((candidate) => candidate.title.endsWith(`: ${title}`));
      const close = item?.actions.find((candidate) => candidate.label === 'Close issue');
      if (item === undefined || close === undefined) throw new Error(`no open issue "${title}" on the card`);
      return { item, result: await runAction(card, close) };
    };

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'spoke-e2e-'));
      const env: Record<string, string> = {};
      if (kind === 'postgres') {
        postgres = await startPostgres();
        env.DATABASE_URL = await postgres.createDatabase();
      }
      running = await runNpmStart({ dataDir, env, timeoutMs: 90_000 });
      const { results } = await api<{ results: { id: string; properties: Record<string, string> }[] }>(
        'GET',
        '/_spoke/records/contacts?q=maria.johnson%40acmerobotics.com',
      );
      contactId = results[0]?.id ?? '';
    }, 120_000);

    afterAll(async () => {
      running?.kill();
      await postgres?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    test('prints one line per URL to open, after the push; the record page answers', async () => {
      const output = running.output();
      const recordPage = `${running.emulatorUrl}/#/records/contacts/${contactId}`;
      expect(output).toContain(recordPage);
      const installed = output.indexOf(
        "the bug tracker is installed in portal 62515 through HubSpot's OAuth",
      );
      expect(installed).toBeGreaterThan(output.indexOf('applied 4 of 4 changes'));
      expect(output.indexOf('Spoke is running')).toBeGreaterThan(installed);
      expect((await fetch(recordPage)).status).toBe(200);
      for (const screen of ['reports', 'help-desk', 'inspector'])
        expect(output).toContain(`${running.emulatorUrl}/#/${screen}`);
      expect(output).toContain(`${running.exampleUrl}/issues`);
      expect(output).toContain(`${running.exampleUrl}/oauth/install`);
      expect(output).toMatch(/applied 4 of 4 changes/);
    });

    test('the official @hubspot/api-client finds the pushed card through the developer API', async () => {
      const client = new Client({
        developerApiKey,
        basePath: running.emulatorUrl,
        numberOfApiCallRetries: 0,
      });
      const { results } = await client.crm.extensions.cards.cardsApi.getAll(appId);
      const card = results.find((candidate) => candidate.title === 'Bug Tracker issues');
      expect(card?.fetch.targetUrl).toBe(`${running.exampleUrl}/hubspot/card`);
      expect(card?.fetch.objectTypes.map((type) => type.name)).toEqual(['contacts', 'companies', 'tickets']);
      expect(card?.actions.baseUrls).toEqual([running.exampleUrl]);
      const channel = await client.crm.extensions.calling.channelConnectionSettingsApi.getById(appId);
      expect(channel).toMatchObject({
        url: `${running.exampleUrl}/hubspot/channel-connection`,
        isReady: true,
      });
    });

    test("the contact's record page shows the signed card: five newest open issues of six", async () => {
      const card = await openContact();
      expect(card.status).toBe('ok');
      expect(card.totalCount).toBe(6);
      expect(card.items).toHaveLength(5);
      expect(card.items[0]?.title).toMatch(/^BUG-\d+: Checkout times out for carts over 50 items$/);
      expect(card.card?.allItemsLink).toBe(
        `${running.exampleUrl}/issues?portalId=62515&objectType=CONTACT&objectId=${contactId}`,
      );
    });

    // Each test that files an issue closes it again, so every test sees the six seeded open issues
    // whatever ran before it (vitest --sequence.shuffle, or one test alone with -t).
    test('an issue filed through the New issue IFRAME form shows first on the card', async () => {
      const before = await openContact();
      const title = 'Sign-up form rejects plus addresses';
      const { frameUrl, form, confirmation } = await fileIssue(title);
      // The platform appended the card's associatedObjectProperties (the contact's email).
      expect(new URL(frameUrl).searchParams.get('email')).toBe('maria.johnson@acmerobotics.com');
      expect(form).toContain('value="maria.johnson@acmerobotics.com"');
      expect(confirmation).toContain(`JSON.stringify({ action: 'DONE' })`);
      const after = await openContact();
      expect(after.totalCount).toBe(before.totalCount + 1);
      expect(after.items[0]?.title).toMatch(/^BUG-\d+: Sign-up form rejects plus addresses$/);
      expect((await closeIssue(title)).result.status).toBe('ok');
    });

    test('Close issue runs the signed action hook and the issue leaves the card', async () => {
      const title = 'Invoice PDF shows the wrong currency';
      await fileIssue(title);
      const before = await openContact();
      const { item, result } = await closeIssue(title);
      expect(result.status).toBe('ok');
      expect(result.message).toBe(`BUG-${item.objectId} closed.`);
      const after = await openContact();
      expect(after.totalCount).toBe(before.totalCount - 1);
      expect(after.items.map((i) => i.objectId)).not.toContain(item.objectId);
    });

    test("opening and closing an issue writes the contact's open_issues back through the CRM API", async () => {
      const openIssues = async () =>
        (await api<{ properties: Record<string, string> }>('GET', `/_spoke/records/contacts/${contactId}`))
          .properties.open_issues;
      // The install's first sync wrote the six seeded open issues.
      expect(await openIssues()).toBe('6');
      const title = 'Password reset mail lands in spam';
      await fileIssue(title);
      expect(await openIssues()).toBe('7'); // the six seeded open issues and this one
      expect((await closeIssue(title)).result.status).toBe('ok');
      expect(await openIssues()).toBe('6');
    });

    test('a report shared to a project through Share Via lands on its feed', async () => {
      const flow = await api<ShareViaFlowResult>('POST', `/_spoke/apps/${appId}/share-via/flow`, {
        recipientsFilter: { type: 0, name: 'Web' },
        message: 'Churn doubled this week',
        frequency: 'now',
      });
      expect(flow.status).toBe('ok');
      expect(flow.recipient).toMatchObject({ name: 'Web app', type: 0 });
      const recipientUrl = flow.send?.recipientUrl ?? '';
      expect(recipientUrl).toMatch(new RegExp(`^${running.exampleUrl}/projects/\\d+#post-\\d+$`));
      const feed = await (await fetch(recipientUrl)).text();
      expect(feed).toContain('Churn doubled this week');
    });

    test('the help desk lists the support lines; those with an extension cannot be picked', async () => {
      const result = await api<NumbersResult>('POST', `/_spoke/apps/${appId}/channel-connection/numbers`, {});
      expect(result.status).toBe('ok');
      expect(result.numbers.map((n) => [n.e164PhoneNumber, n.extension, n.selectable])).toEqual([
        ['+18005550100', null, true],
        ['+442035550111', null, true],
        ['+18005550100', '2', false],
        ['+61255501234', null, true],
        ['+33155550188', '12', false],
      ]);
      expect(result.numbers[3]?.displayName).toHaveLength(24);
    });

    test('every call is in the request log, signed v2 and v3, answered without an error verdict', async () => {
      // Makes each kind of call itself: a card fetch, an action hook, the Share Via flow, the numbers.
      const title = 'Request log check';
      await fileIssue(title);
      expect((await closeIssue(title)).result.status).toBe('ok');
      const flow = await api<ShareViaFlowResult>('POST', `/_spoke/apps/${appId}/share-via/flow`, {
        recipientsFilter: { type: 0, name: 'Web' },
        message: 'Request log check',
        frequency: 'now',
      });
      expect(flow.status).toBe('ok');
      const numbers = await api<NumbersResult>(
        'POST',
        `/_spoke/apps/${appId}/channel-connection/numbers`,
        {},
      );
      expect(numbers.status).toBe('ok');
      const { results } = await api<{ results: Exchange[] }>(
        'GET',
        `/_spoke/requests?appId=${appId}&limit=200`,
      );
      const kinds = new Set(results.map((exchange) => exchange.kind));
      for (const expected of [
        'crm-card.fetch',
        'crm-card.action-hook',
        'share-via.check-permissions',
        'share-via.fetch-recipients',
        'share-via.share-object',
        'calling.channel-connection',
      ]) {
        expect(kinds, expected).toContain(expected);
      }
      for (const exchange of results) {
        expect(exchange.outcome, `${exchange.kind} ${exchange.request.url}`).toBe('ok');
        expect(exchange.signature.versions).toEqual(expect.arrayContaining(['v2', 'v3']));
        expect(exchange.verdicts.filter((verdict) => verdict.severity === 'error')).toEqual([]);
      }
    });

    test('Ctrl-C stops the emulator and the bug tracker and exits 0', async () => {
      expect(await running.interrupt()).toBe(0);
      await expect(fetch(`${running.emulatorUrl}/_spoke/health`)).rejects.toThrow();
      await expect(fetch(`${running.exampleUrl}/health`)).rejects.toThrow();
      // Both ports can be listened on again.
      for (const url of [running.emulatorUrl, running.exampleUrl])
        expect(await portProblem(Number(new URL(url).port))).toBeNull();
    });
  });
}
