import { createHash, createHmac } from 'node:crypto';
import { computeV1, computeV2, computeV3, type SignatureVersion } from '@spoke/protocol';

/** The inputs a sender may have hashed instead of the ones the request shows. */
export interface HashInputs {
  method: string;
  url: string;
  body: Buffer;
  timestamp: string;
  /** Headers that came with the request: Host and X-Forwarded-* name URLs worth trying. */
  headers?: Readonly<Record<string, readonly string[]>>;
}

/** One alternative guess and the advice to give when it matches. */
export interface Variant {
  /** What differs, e.g. `URL http://localhost:3000/hook (another host and port)`. */
  what: string;
  /** What to try when the received signature matches this guess. */
  advice: string;
  signature: (secret: string) => string;
}

function header(inputs: HashInputs, name: string): string | undefined {
  const entry = Object.entries(inputs.headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return entry?.[1][0]?.split(',')[0]?.trim() || undefined;
}

/** Names what differs between two URLs: scheme, host, port, path, query. */
function urlDifference(given: URL, other: URL): string {
  const parts: string[] = [];
  if (given.protocol !== other.protocol) parts.push('scheme');
  if (given.hostname !== other.hostname) parts.push('host');
  if (given.port !== other.port) parts.push('port');
  if (given.pathname !== other.pathname) parts.push('path');
  if (given.search !== other.search) parts.push(other.search === '' ? 'no query' : 'query');
  if (parts.length === 0) return 'the same URL spelt differently';
  return `another ${parts.join(', ')}`.replace('another no query', 'the query dropped');
}

// Ports a service often listens on behind a proxy or tunnel.
const localPorts = ['3000', '3500', '5000', '8000', '8080'];

function urlGuesses(raw: string, inputs: HashInputs): { url: string; why: string }[] {
  const url = new URL(raw);
  const tail = `${url.pathname}${url.search}`;
  const candidates = new Set<string>();
  const add = (candidate: string) => {
    if (URL.canParse(candidate)) candidates.add(candidate);
  };
  const other = url.protocol === 'http:' ? 'https:' : 'http:';
  add(`${other}//${url.host}${tail}`);
  const slash =
    url.pathname.endsWith('/') && url.pathname !== '/' ? url.pathname.slice(0, -1) : `${url.pathname}/`;
  add(`${url.origin}${slash}${url.search}`);
  if (url.search) add(`${url.origin}${url.pathname}`);
  const hosts: Record<string, string> = { localhost: '127.0.0.1', '127.0.0.1': 'localhost' };
  const swapped = hosts[url.hostname];
  if (swapped) add(raw.replace(url.hostname, swapped));
  if (url.port !== '') add(`${url.protocol}//${url.hostname}${tail}`);
  // A path prefix a proxy adds or strips (`/hubspot/card` seen as `/card`).
  const segments = url.pathname.split('/').filter(Boolean);
  if (segments.length > 1) add(`${url.origin}/${segments.slice(1).join('/')}${url.search}`);
  // What the request's own headers say the sender called.
  const forwardedHost = header(inputs, 'x-forwarded-host');
  const forwardedProto = header(inputs, 'x-forwarded-proto');
  const host = header(inputs, 'host');
  for (const h of [forwardedHost, host]) {
    if (h === undefined) continue;
    add(`${forwardedProto ?? url.protocol.slice(0, -1)}://${h}${tail}`);
    add(`http://${h}${tail}`);
    add(`https://${h}${tail}`);
  }
  // The address a service listens on, which a sender may have been pointed at.
  for (const name of ['localhost', '127.0.0.1'])
    for (const port of localPorts) add(`http://${name}:${port}${tail}`);
  const guesses = [...candidates]
    .filter((candidate) => candidate !== raw)
    .map((candidate) => ({ url: candidate, why: urlDifference(url, new URL(candidate)) }));
  try {
    const decoded = decodeURIComponent(raw);
    if (decoded !== raw) guesses.push({ url: decoded, why: 'the URL fully percent-decoded' });
  } catch {
    // Not decodable: nothing to guess.
  }
  return guesses;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  return value;
}

/** Python's json.dumps default spacing: `", "` and `": "` (strings stay as they are). */
function spaced(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(spaced).join(', ')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${JSON.stringify(k)}: ${spaced(v)}`)
      .join(', ')}}`;
  return JSON.stringify(value);
}

function bodyGuesses(body: Buffer): { body: Buffer; why: string }[] {
  const text = body.toString('utf8');
  const guesses: { body: Buffer; why: string }[] = [];
  if (body.length > 0) guesses.push({ body: Buffer.alloc(0), why: 'an empty body' });
  try {
    const parsed: unknown = JSON.parse(text);
    guesses.push({ body: Buffer.from(JSON.stringify(parsed)), why: 'the JSON body re-serialised compactly' });
    guesses.push({ body: Buffer.from(JSON.stringify(parsed, null, 2)), why: 'the JSON body pretty-printed' });
    guesses.push({
      body: Buffer.from(JSON.stringify(sortKeys(parsed))),
      why: 'the JSON body re-serialised with its keys sorted',
    });
    guesses.push({
      body: Buffer.from(spaced(parsed)),
      why: 'the JSON body re-serialised with a space after each , and :',
    });
  } catch {
    // Not JSON: no re-serialisation to guess.
  }
  if (text.endsWith('\n'))
    guesses.push({
      body: Buffer.from(text.replace(/\r?\n$/, '')),
      why: 'the body without its final newline',
    });
  else if (body.length > 0)
    guesses.push({ body: Buffer.from(`${text}\n`), why: 'the body with a final newline' });
  if (text.includes('\r\n'))
    guesses.push({ body: Buffer.from(text.replaceAll('\r\n', '\n')), why: 'the body with CRLF as LF' });
  const seen = new Set<string>();
  return guesses.filter((guess) => {
    const key = guess.body.toString('base64');
    if (guess.body.equals(body) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function hashWith(version: SignatureVersion, inputs: HashInputs) {
  return (secret: string): string => {
    const { method, url, body, timestamp } = inputs;
    if (version === 'v1') return computeV1({ secret, body });
    if (version === 'v2') return computeV2({ secret, method, url, body });
    return computeV3({ secret, method, url, body, timestamp });
  };
}

const urlAdvice = (url: string) =>
  `the signature was made for ${url}, not the URL given. A service must hash the URL HubSpot calls (the one set in the app): behind a proxy or tunnel that is the public URL, not the address the service listens on, so take it from configuration, or from X-Forwarded-Proto and X-Forwarded-Host only when a proxy you trust sets them.`;
const rawBodyAdvice =
  'the sender hashed different body bytes: verify the raw body exactly as received, before any body parser or re-serialisation (JSON.stringify, json.dumps and the like change spacing and key order).';

const hex = (digest: Buffer) => digest.toString('hex');
const b64 = (digest: Buffer) => digest.toString('base64');

/** Signatures made with another scheme than the header's: encoding, key use, what is covered. */
function schemeVariants(version: SignatureVersion, inputs: HashInputs): Variant[] {
  const { method, url, body, timestamp } = inputs;
  const m = method.toUpperCase();
  const hmac = (secret: string, ...parts: (string | Buffer)[]) => {
    const h = createHmac('sha256', secret);
    for (const part of parts) h.update(part);
    return h.digest();
  };
  const sha = (...parts: (string | Buffer)[]) => {
    const h = createHash('sha256');
    for (const part of parts) h.update(part);
    return h.digest();
  };
  const bodyOnly =
    'the sender signs the raw body alone (HMAC-SHA256 of the body, as many webhook providers do); HubSpot signs more: v3 is base64(HMAC-SHA256(secret, METHOD + URL + body + timestamp)), v2 hex(SHA-256(secret + METHOD + URL + body)). See docs/protocol.md §1.';
  if (version === 'v3') {
    const v3 = (secret: string) => Buffer.from(computeV3({ secret, method, url, body, timestamp }), 'base64');
    return [
      {
        what: 'the v3 HMAC written in hex',
        advice:
          'the signature is hex where v3 is standard base64 (44 characters): encode the HMAC digest as base64.',
        signature: (secret) => hex(v3(secret)),
      },
      {
        what: 'HMAC-SHA256 of the body alone (base64)',
        advice: bodyOnly,
        signature: (secret) => b64(hmac(secret, body)),
      },
      {
        what: 'HMAC-SHA256 of the body alone (hex)',
        advice: bodyOnly,
        signature: (secret) => hex(hmac(secret, body)),
      },
      {
        what: 'the v3 HMAC without the timestamp',
        advice:
          'the sender left the timestamp out: v3 covers METHOD + URL + body + X-HubSpot-Request-Timestamp.',
        signature: (secret) => b64(hmac(secret, m + url, body)),
      },
      {
        what: 'a v2 signature in the v3 header',
        advice:
          'the v3 header carries a v2 signature (hex SHA-256 of secret + METHOD + URL + body): send it as X-HubSpot-Signature with X-HubSpot-Signature-Version: v2, or compute v3.',
        signature: (secret) => computeV2({ secret, method, url, body }),
      },
    ];
  }
  const source = version === 'v1' ? [body] : [m + url, body];
  return [
    {
      what: `the ${version} digest written in base64`,
      advice: `the signature is base64 where ${version} is 64 lowercase hex digits: encode the SHA-256 digest as hex.`,
      signature: (secret) => b64(sha(secret, ...source)),
    },
    {
      what: `the ${version} digest in upper-case hex`,
      advice: `the signature is upper-case hex; ${version} is lowercase: compare case-insensitively or lowercase it.`,
      signature: (secret) => hex(sha(secret, ...source)).toUpperCase(),
    },
    {
      what: 'HMAC-SHA256 keyed with the secret instead of SHA-256 with it prepended',
      advice: `${version} is a plain SHA-256 of the secret followed by ${version === 'v1' ? 'the body' : 'METHOD + URL + body'}, not an HMAC (v3 is the HMAC scheme).`,
      signature: (secret) => hex(hmac(secret, ...source)),
    },
    {
      what: 'HMAC-SHA256 of the body alone (hex)',
      advice: bodyOnly,
      signature: (secret) => hex(hmac(secret, body)),
    },
    {
      what: 'a v3 signature in the v2 header',
      advice:
        'X-HubSpot-Signature carries a base64 v3 HMAC: send it as X-HubSpot-Signature-v3 with X-HubSpot-Request-Timestamp.',
      signature: (secret) => computeV3({ secret, method, url, body, timestamp }),
    },
  ];
}

/** Guesses worth trying when a signature does not match, most likely first. */
export function signatureVariants(
  version: SignatureVersion,
  inputs: HashInputs,
  received: string,
): Variant[] {
  const variants: Variant[] = [];
  if (version === 'v3' && received.includes(' ')) {
    variants.push({
      what: "the signature with spaces read as '+'",
      advice: "the v3 header was URL-decoded upstream ('+' became a space): read the raw header value.",
      signature: (secret) => hashWith('v3', inputs)(secret).replaceAll('+', ' '),
    });
  }
  if (version !== 'v1') {
    for (const guess of urlGuesses(inputs.url, inputs)) {
      const advice =
        guess.why === 'the URL fully percent-decoded'
          ? 'the sender hashed the URL-decoded URL: hash the URL exactly as requested (v3 decodes only the escapes listed in docs/protocol.md §1).'
          : urlAdvice(guess.url);
      variants.push({
        what: `URL ${guess.url} (${guess.why})`,
        advice,
        signature: hashWith(version, { ...inputs, url: guess.url }),
      });
    }
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter(
      (m) => m !== inputs.method.toUpperCase(),
    )) {
      variants.push({
        what: `method ${method}`,
        advice: `the request was signed for ${method}: pass the method the request really used.`,
        signature: hashWith(version, { ...inputs, method }),
      });
    }
  }
  // No "URL without the v3 decoding step" guess: the verifier tries the raw URL itself. docs/decisions/0011
  for (const guess of bodyGuesses(inputs.body)) {
    variants.push({
      what: guess.why,
      advice: rawBodyAdvice,
      signature: hashWith(version, { ...inputs, body: guess.body }),
    });
  }
  variants.push(...schemeVariants(version, inputs));
  if (version === 'v1' || version === 'v2') {
    const other = version === 'v1' ? 'v2' : 'v1';
    variants.push({
      what: `the ${other} rule`,
      advice: `the signature is a ${other} signature: send X-HubSpot-Signature-Version: ${other}.`,
      signature: hashWith(other, inputs),
    });
  }
  return variants;
}
