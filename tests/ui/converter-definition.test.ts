import type { RequestListener } from 'node:http';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ConverterPage, converterAppId, openConverterPage } from './helpers/converter-page.ts';

// A converter-mode record page with a card whose definition HubSpot's Legacy CRM Card Converter
// refuses (a BOOLEAN display property, marketing_events among its object types): the converter's
// "Configuration Issues Detected" instead of the card, its lines behind "View Error Details", no
// call to the service; a card it takes renders beside it.

const served: string[] = [];
const service: RequestListener = (req, res) => {
  served.push(req.url ?? '');
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ results: [{ objectId: 1, title: 'Ticket 1' }] }));
};

let fx: ConverterPage;

beforeAll(async () => {
  fx = await openConverterPage('converter-definition', service, async ({ origin, call, postCard }) => {
    const app = await call<{ scopes: string[] }>(`/_spoke/apps/${converterAppId}`);
    const scopes = [...app.scopes, 'crm.objects.marketing_events.read', 'crm.objects.marketing_events.write'];
    await call(`/_spoke/apps/${converterAppId}`, { method: 'PATCH', body: { scopes } });
    const post = (title: string, path: string, objectTypes: string[], dataType: string) =>
      postCard({
        title,
        fetch: {
          targetUrl: `${origin}${path}`,
          objectTypes: objectTypes.map((name) => ({ name, propertiesToSend: [] })),
        },
        display: { properties: [{ name: 'done', label: 'Done', dataType, options: [] }] },
        actions: { baseUrls: [origin] },
      });
    await post('Issues', '/issues', ['contacts', 'marketing_events'], 'BOOLEAN');
    await post('Tickets', '/tickets', ['contacts'], 'STRING');
  });
  await card('Tickets').locator('.card-item').waitFor();
});

afterAll(() => fx?.close());

function card(title: string): Locator {
  return fx.card(title);
}

describe('converter mode: a card definition the converter refuses', () => {
  test('shows Configuration Issues Detected and the converter lines, and calls nothing', async () => {
    const issues = card('Issues');
    await expect(issues.getByRole('alert').textContent()).resolves.toContain('Configuration Issues Detected');
    await expect(issues.getByText('Validation Errors (2):').count()).resolves.toBe(1);
    await expect(issues.getByRole('button', { name: 'Try again' }).count()).resolves.toBe(0);
    const details = issues.getByRole('button', { name: 'View Error Details' });
    await expect(details.getAttribute('aria-expanded')).resolves.toBe('false');
    await details.click();
    const list = issues.getByRole('region', { name: 'Validation Error Details' }).locator('li');
    await expect(list.allTextContents()).resolves.toEqual([
      'Invalid option: expected one of "contacts"|"companies"|"deals"|"tickets"',
      'Invalid input',
    ]);
    // Spoke's reason beside it names the code and each field with its fix.
    const reason = issues.getByRole('complementary', { name: 'Reason' });
    await expect(reason.textContent()).resolves.toContain('DISPATCH_CONVERTER_DEFINITION_INVALID');
    await expect(reason.locator('.issue-list li').allTextContents()).resolves.toEqual([
      expect.stringMatching(/^definition\.fetch\.objectTypes\.1\.name .*marketing_events/),
      expect.stringMatching(/^definition\.display\.properties\.0 done: the converter has no BOOLEAN/),
    ]);
    expect(served.filter((url) => url.startsWith('/issues'))).toEqual([]);
  });

  test('a card the converter takes renders beside it', async () => {
    await expect(card('Tickets').locator('.card-item').count()).resolves.toBe(1);
    expect(served.filter((url) => url.startsWith('/tickets')).length).toBeGreaterThan(0);
  });
});
