import { emulatorErrorCodes } from '@spoke/emulator';
import { hubspotErrorSchema, oauthErrorSchema } from '@spoke/protocol';
import type { HostileCase } from './hostile-cases.ts';
import type { RawResponse } from './raw-http.ts';

/** What is wrong with `res` as the answer to `c` (empty when nothing). Store checks are the caller's. */
export function responseProblems(c: HostileCase, res: RawResponse): string[] {
  const problems: string[] = [];
  if (res.status >= 500 || res.status < 200) return [`status ${res.status}: ${res.text.slice(0, 300)}`];
  const refused = res.status >= 400;
  if (c.expect === 'accepted' && refused)
    problems.push(`expected 2xx, got ${res.status}: ${res.text.slice(0, 300)}`);
  if (c.expect === 'refused' && !refused) problems.push(`expected 4xx, got ${res.status}`);
  if (c.expect === 'either' && res.status >= 300 && !refused)
    problems.push(`expected 2xx or 4xx, got ${res.status}`);
  if (!refused) return problems;
  if (c.statuses && !c.statuses.includes(res.status)) {
    problems.push(`expected ${c.statuses.join('/')}, got ${res.status}: ${res.text.slice(0, 200)}`);
  }
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    return [...problems, `error body is not JSON: ${res.text.slice(0, 200)}`];
  }
  // HubSpot's OAuth endpoints (and the consent screen's routes) answer with their own shape.
  const parsed = hubspotErrorSchema.or(oauthErrorSchema).safeParse(body);
  if (!parsed.success) return [...problems, `error body is not HubSpot's shape: ${res.text.slice(0, 200)}`];
  const error = parsed.data;
  const code = (body as { code?: unknown }).code;
  if (typeof code !== 'string' || !(code in emulatorErrorCodes))
    problems.push(`unknown code ${String(code)}`);
  else if (emulatorErrorCodes[code as keyof typeof emulatorErrorCodes] !== res.status) {
    problems.push(`code ${code} with status ${res.status}`);
  }
  if (res.headers['x-hubspot-correlation-id'] !== error.correlationId)
    problems.push('correlation id header differs');
  if (!String(res.headers['content-type']).startsWith('application/json'))
    problems.push('error is not JSON-typed');
  if (!error.message.startsWith('[spoke] ') || !error.message.includes('docs/errors.md#')) {
    problems.push(`message does not follow the house style: ${error.message.slice(0, 120)}`);
  }
  if (c.mentions && !namesTheProblem(error, c.mentions)) {
    problems.push(
      `message names none of ${JSON.stringify(c.mentions.map((m) => m.slice(0, 30)))}: ${error.message.slice(0, 200)}`,
    );
  }
  if (c.allow) {
    const allow = String(res.headers.allow ?? '')
      .split(',')
      .map((m) => m.trim())
      .filter(Boolean)
      .sort();
    if (allow.join(',') !== c.allow.join(','))
      problems.push(`Allow is "${res.headers.allow}", expected ${c.allow.join(', ')}`);
  }
  return problems;
}

/** The message or an `errors[].in` path names one of `mentions` (a path also counts when one contains the other). */
function namesTheProblem(
  error: { message: string; errors?: { message: string; in?: string | undefined }[] | undefined },
  mentions: string[],
): boolean {
  const text = [error.message, ...(error.errors ?? []).flatMap((e) => [e.message, e.in ?? ''])]
    .join(' ')
    .toLowerCase();
  const paths = (error.errors ?? []).map((e) => e.in).filter((p): p is string => Boolean(p));
  return mentions.some(
    (m) =>
      text.includes(m.toLowerCase()) ||
      paths.some((p) => p === m || m.startsWith(`${p}.`) || p.startsWith(`${m}.`)),
  );
}
