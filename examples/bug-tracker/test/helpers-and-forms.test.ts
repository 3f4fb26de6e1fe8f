import { describe, expect, test } from 'vitest';
import { toPostgresPlaceholders } from '../src/db/to-postgres-placeholders.ts';
import { publicBaseUrl } from '../src/hubspot/public-base-url.ts';
import { decodeRecipientCursor, encodeRecipientCursor } from '../src/hubspot/recipient-cursor.ts';
import { parseRecipientId, recipientId } from '../src/hubspot/recipient-id.ts';
import { html, raw } from '../src/web/html.ts';
import { parseIssueForm } from '../src/web/parse-issue-form.ts';

const choices = { projects: [{ id: 1 }], members: [{ id: 7 }] };
const form = (fields: Record<string, string>) =>
  new URLSearchParams({ projectId: '1', title: 'Bug', ...fields });

describe('parseIssueForm', () => {
  test('turns a valid form into fields, amounts into cents', () => {
    const result = parseIssueForm(
      form({ revenue: '1,200.5', assigneeId: '7', dueDate: '2028-02-29', votes: '3' }),
      choices,
    );
    expect(result).toEqual({
      ok: true,
      fields: {
        projectId: 1,
        title: 'Bug',
        description: '',
        state: 'open',
        revenueCents: 120_050,
        currency: 'USD',
        dueDate: '2028-02-29',
        assigneeId: 7,
        votes: 3,
        reporterEmail: null,
      },
    });
  });

  test('names every field that is wrong', () => {
    const result = parseIssueForm(
      form({
        projectId: '9',
        title: ' ',
        state: 'done',
        revenue: '1.234',
        currency: 'BTC',
        dueDate: '2027-02-29',
        assigneeId: '8',
        votes: '-1',
        reporterEmail: 'nobody',
      }),
      choices,
    );
    expect(result.ok).toBe(false);
    expect(Object.keys(result.ok ? {} : result.errors).sort()).toEqual(
      [
        'assigneeId',
        'currency',
        'dueDate',
        'projectId',
        'reporterEmail',
        'revenue',
        'state',
        'title',
        'votes',
      ].sort(),
    );
  });

  test('refuses a title past 200 characters', () => {
    const result = parseIssueForm(form({ title: 'x'.repeat(201) }), choices);
    expect(result.ok ? {} : result.errors).toHaveProperty('title');
  });
});

describe('html', () => {
  test('escapes interpolated text and attributes but not nested markup', () => {
    const title = `<img src=x onerror="alert('x')">`;
    expect(html`<p title="${title}">${title} ${html`<b>ok</b>`} ${raw('<i>raw</i>')}</p>`.value).toBe(
      '<p title="&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;">&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt; <b>ok</b> <i>raw</i></p>',
    );
  });

  test('renders lists and skips null, undefined and false', () => {
    expect(
      html`<ul>${['a', 'b'].map((x) => html`<li>${x}</li>`)}${null}${undefined}${false}</ul>`.value,
    ).toBe('<ul><li>a</li><li>b</li></ul>');
  });
});

describe('Share Via ids and cursors', () => {
  test('round-trips recipient ids and refuses others', () => {
    expect(parseRecipientId(recipientId({ kind: 'member', id: 7 }))).toEqual({ kind: 'member', id: 7 });
    expect(parseRecipientId('R3')).toBeNull();
    expect(parseRecipientId('project-')).toBeNull();
  });

  test('round-trips cursors and refuses anything it did not make', () => {
    expect(decodeRecipientCursor(encodeRecipientCursor(20))).toBe(20);
    for (const bad of [
      '',
      'garbage',
      Buffer.from('{"offset":-1}').toString('base64url'),
      Buffer.from('[]').toString('base64url'),
    ]) {
      expect(decodeRecipientCursor(bad)).toBeNull();
    }
  });
});

describe('toPostgresPlaceholders', () => {
  test('numbers placeholders and leaves quoted text alone', () => {
    expect(toPostgresPlaceholders("SELECT ? WHERE a = ? AND b LIKE '?' ESCAPE '\\' AND c = ?")).toBe(
      "SELECT $1 WHERE a = $2 AND b LIKE '?' ESCAPE '\\' AND c = $3",
    );
  });
});

describe('publicBaseUrl', () => {
  const request = new Request('http://10.0.0.5:3500/hubspot/card', {
    headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'tracker.example.com, proxy.internal' },
  });

  test('prefers the configured public URL', () => {
    expect(publicBaseUrl(request, { publicUrl: 'https://x.example/bt/', trustProxy: true })).toBe(
      'https://x.example/bt',
    );
  });

  test('uses X-Forwarded-* only when the proxy is trusted', () => {
    expect(publicBaseUrl(request, { trustProxy: true })).toBe('https://tracker.example.com');
    expect(publicBaseUrl(request, { trustProxy: false })).toBe('http://10.0.0.5:3500');
  });
});
