import { SpokeFrameworkError } from './errors.ts';
import type { IncomingCall } from './incoming-call.ts';
import { readQuery } from './read-query.ts';

/** Where a kind's input travels: the query, query + body fields (action hooks), or a JSON body. */
export type InputSource = 'query' | 'fields' | 'json';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Turns the verified raw request into the plain value the kind's schema parses. Runs only
 * after the signature check, so nothing unauthenticated is ever parsed.
 */
export function readInput(source: InputSource, call: IncomingCall, body: Uint8Array): unknown {
  if (source === 'json') return parseJson(call, body);
  const query = readQuery(call.url.search);
  if (source === 'query') return query;
  return { ...query, ...readFieldsBody(call, body) };
}

// Action-hook bodies: a form (legacy POST/PUT/PATCH) or JSON (converter); docs/protocol.md §2.4.
function readFieldsBody(call: IncomingCall, body: Uint8Array): Record<string, unknown> {
  if (body.byteLength === 0) return {};
  const type = call.header('content-type')?.toLowerCase() ?? '';
  const isJson = type.includes('json') || (!type.includes('form-urlencoded') && startsWithBrace(body));
  if (!isJson) return readQuery(decode(call, body, 'REQUEST_INVALID'));
  const value = parseJson(call, body);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SpokeFrameworkError(
      'REQUEST_INVALID',
      `the JSON body of ${call.method} ${call.url.pathname} must be an object of action-hook fields.`,
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

function parseJson(call: IncomingCall, body: Uint8Array): unknown {
  if (body.byteLength === 0) {
    throw new SpokeFrameworkError(
      'REQUEST_MALFORMED_JSON',
      `the body of ${call.method} ${call.url.pathname} is empty; a JSON object was expected.`,
    );
  }
  const text = decode(call, body, 'REQUEST_MALFORMED_JSON');
  try {
    return JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new SpokeFrameworkError(
      'REQUEST_MALFORMED_JSON',
      `the body of ${call.method} ${call.url.pathname} is not valid JSON: ${reason}.`,
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
  call: IncomingCall,
  body: Uint8Array,
  code: 'REQUEST_INVALID' | 'REQUEST_MALFORMED_JSON',
): string {
  try {
    return utf8.decode(body);
  } catch (cause) {
    throw new SpokeFrameworkError(
      code,
      `the body of ${call.method} ${call.url.pathname} is not valid UTF-8.`,
      { cause },
    );
  }
}
