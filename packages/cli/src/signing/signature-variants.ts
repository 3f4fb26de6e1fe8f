import { createHmac } from 'node:crypto';
import { computeV1, computeV2, computeV3, type SignatureVersion } from '@spoke/protocol';

/** The inputs a sender may have hashed instead of the ones the request shows. */
export interface HashInputs {
  method: string;
  url: string;
  body: Buffer;
  timestamp: string;
}

/** One alternative guess and the advice to give when it matches. */
export interface Variant {
  /** What differs, e.g. `URL http://localhost:3000/hook`. */
  what: string;
  /** What to try when the received signature matches this guess. */
  advice: string;
  signature: (secret: string) => string;
}

function swapScheme(url: URL): string | null {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const copy = new URL(url);
  copy.protocol = url.protocol === 'http:' ? 'https:' : 'http:';
  return copy.toString();
}

function urlGuesses(raw: string): { url: string; why: string }[] {
  const url = new URL(raw);
  const guesses: { url: string; why: string }[] = [];
  const scheme = swapScheme(url);
  if (scheme) guesses.push({ url: scheme, why: 'the other scheme' });
  const slash =
    url.pathname.endsWith('/') && url.pathname !== '/' ? url.pathname.slice(0, -1) : `${url.pathname}/`;
  guesses.push({ url: `${url.origin}${slash}${url.search}`, why: 'the path with/without a trailing slash' });
  if (url.search)
    guesses.push({ url: `${url.origin}${url.pathname}`, why: 'the URL without its query string' });
  const hosts: Record<string, string> = { localhost: '127.0.0.1', '127.0.0.1': 'localhost' };
  const other = hosts[url.hostname];
  if (other) guesses.push({ url: raw.replace(url.hostname, other), why: `host ${other}` });
  try {
    const decoded = decodeURIComponent(raw);
    if (decoded !== raw) guesses.push({ url: decoded, why: 'the URL fully percent-decoded' });
  } catch {
    // Not decodable: nothing to guess.
  }
  return guesses.filter((guess) => guess.url !== raw);
}

function bodyGuesses(body: Buffer): { body: Buffer; why: string }[] {
  const text = body.toString('utf8');
  const guesses: { body: Buffer; why: string }[] = [];
  if (body.length > 0) guesses.push({ body: Buffer.alloc(0), why: 'an empty body' });
  try {
    const parsed: unknown = JSON.parse(text);
    guesses.push({ body: Buffer.from(JSON.stringify(parsed)), why: 'the JSON body re-serialised compactly' });
    guesses.push({ body: Buffer.from(JSON.stringify(parsed, null, 2)), why: 'the JSON body pretty-printed' });
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
  return guesses.filter((guess) => !guess.body.equals(body));
}

function hashWith(version: SignatureVersion, inputs: HashInputs) {
  return (secret: string): string => {
    const { method, url, body, timestamp } = inputs;
    if (version === 'v1') return computeV1({ secret, body });
    if (version === 'v2') return computeV2({ secret, method, url, body });
    return computeV3({ secret, method, url, body, timestamp });
  };
}

const publicUrlAdvice =
  'the sender signed a different URL than the one given: verify against the public URL HubSpot called (set publicUrl behind a proxy or tunnel).';
const rawBodyAdvice =
  'the sender hashed different body bytes: verify the raw body exactly as received, before any body parser or re-serialisation.';

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
    for (const guess of urlGuesses(inputs.url)) {
      const advice =
        guess.why === 'the URL fully percent-decoded'
          ? 'the sender hashed the URL-decoded URL: hash the URL exactly as requested (v3 decodes only the escapes listed in docs/protocol.md §1).'
          : publicUrlAdvice;
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
  if (version === 'v3') {
    variants.push({
      what: 'the URL hashed without the v3 decoding step',
      advice:
        'the sender does not decode %40, %3A, %2F … before hashing (older SDKs): HubSpot does; follow docs/protocol.md §1.',
      signature: (secret) =>
        createHmac('sha256', secret)
          .update(inputs.method.toUpperCase() + inputs.url)
          .update(inputs.body)
          .update(inputs.timestamp)
          .digest('base64'),
    });
  }
  for (const guess of bodyGuesses(inputs.body)) {
    variants.push({
      what: guess.why,
      advice: rawBodyAdvice,
      signature: hashWith(version, { ...inputs, body: guess.body }),
    });
  }
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
