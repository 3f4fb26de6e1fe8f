import { SpokeFrameworkError } from './errors.ts';

/** Where a kind's input travels: the query, query + body fields (action hooks), or a JSON body. */
export type InputSource = 'query' | 'fields' | 'json';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Turns the verified raw request into the plain value the kind's schema parses. Runs only
 * after the signature check, so nothing unauthenticated is ever parsed.
 */
export function readInput(source: InputSource, request: Request, body: Uint8Array): unknown {
  const query = searchParamsToRecord(new URL(request.url).searchParams);
  if (source === 'query') return query;
  if (source === 'json') return parseJson(request, body);
  return { ...query, ...readFieldsBody(request, body) };
}

/** First value wins for repeated keys, as the default parameters are sent once. */
function searchParamsToRecord(params: URLSearchParams): Record<string, string> {
  const first = new Map<string, string>();
  for (const [key, value] of params) {
    if (!first.has(key)) first.set(key, value);
  }
  // fromEntries defines own properties, so a `__proto__` key stays a plain field.
  return Object.fromEntries(first);
}

// Action-hook bodies: a form (legacy POST/PUT/PATCH) or JSON (converter); SPEC.md §2.4.
function readFieldsBody(request: Request, body: Uint8Array): Record<string, unknown> {
  if (body.byteLength === 0) return {};
  const type = request.headers.get('content-type')?.toLowerCase() ?? '';
  const isJson = type.includes('json') || (!type.includes('form-urlencoded') && startsWithBrace(body));
  if (!isJson) return searchParamsToRecord(new URLSearchParams(decode(request, body, 'REQUEST_INVALID')));
  const value = parseJson(request, body);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SpokeFrameworkError(
      'REQUEST_INVALID',
      `the JSON body of ${request.method} ${new URL(request.url).pathname} must be an object of action-hook fields.`,
    );
  }
  // Fields are strings on the wire; a JSON number or boolean is read as its text.
  return Object.fromEntries(
    Object.entries(value).map(([key, field]: [string, unknown]) => [
      key,
      typeof field === 'number' || typeof field === 'boolean' ? String(field) : field,
    ]),
  );
}

function parseJson(request: Request, body: Uint8Array): unknown {
  const where = `${request.method} ${new URL(request.url).pathname}`;
  if (body.byteLength === 0) {
    throw new SpokeFrameworkError(
      'REQUEST_MALFORMED_JSON',
      `the body of ${where} is empty; a JSON object was expected.`,
    );
  }
  const text = decode(request, body, 'REQUEST_MALFORMED_JSON');
  try {
    return JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new SpokeFrameworkError(
      'REQUEST_MALFORMED_JSON',
      `the body of ${where} is not valid JSON: ${reason}.`,
      {
        cause,
      },
    );
  }
}

// Without a content type, a body whose first non-blank byte is `{` is JSON; anything else a form.
function startsWithBrace(body: Uint8Array): boolean {
  for (const byte of body) {
    if (byte === 0x7b) return true;
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return false;
  }
  return false;
}

function decode(
  request: Request,
  body: Uint8Array,
  code: 'REQUEST_INVALID' | 'REQUEST_MALFORMED_JSON',
): string {
  try {
    return utf8.decode(body);
  } catch (cause) {
    throw new SpokeFrameworkError(
      code,
      `the body of ${request.method} ${new URL(request.url).pathname} is not valid UTF-8.`,
      { cause },
    );
  }
}
