import { bodyByteLength, bodyText, type SignatureBody } from './body.ts';
import { decodeUriForV3 } from './decode-uri.ts';
import type { SignatureVersion } from './headers.ts';
import { secretPlaceholder } from './v1.ts';
import type { VerifyAttempt } from './verify-result.ts';

// Display sizes only, not protocol numbers: keep messages readable, `checked` keeps everything.
const bodyPreviewChars = 2048;
/** How many characters of a signature a message or attempt shows. */
export const signaturePreviewChars = 8;

/** Inputs that were hashed, as the verifier saw them. */
export type MismatchFacts = {
  version: SignatureVersion;
  method: string;
  url: string;
  body: SignatureBody;
  timestamp?: string;
  received: string;
  attempts: readonly VerifyAttempt[];
};

/** Shortens a signature (or any header value) for a message. */
export function preview(value: string): string {
  return value.length > signaturePreviewChars ? `${value.slice(0, signaturePreviewChars)}…` : value;
}

function hashedParts({ version, method, url, timestamp }: MismatchFacts): {
  head: string;
  tail: string;
} {
  const verb = method.toUpperCase();
  if (version === 'v1') return { head: secretPlaceholder, tail: '' };
  if (version === 'v2') return { head: secretPlaceholder + verb + url, tail: '' };
  return { head: verb + decodeUriForV3(url), tail: timestamp ?? '' };
}

function describeParts(facts: MismatchFacts): string {
  const bytes = `body (${bodyByteLength(facts.body)} bytes)`;
  const verb = JSON.stringify(facts.method.toUpperCase());
  if (facts.version === 'v1') return `${secretPlaceholder} + ${bytes}`;
  if (facts.version === 'v2')
    return `${secretPlaceholder} + ${verb} + ${JSON.stringify(facts.url)} + ${bytes}`;
  const url = JSON.stringify(decodeUriForV3(facts.url));
  return `${verb} + ${url} + ${bytes} + ${JSON.stringify(facts.timestamp ?? '')} (HMAC-SHA256 keyed with the client secret)`;
}

function describeSource(facts: MismatchFacts): string {
  const { head, tail } = hashedParts(facts);
  const text = bodyText(facts.body);
  if (text.length <= bodyPreviewChars) return JSON.stringify(head + text + tail);
  const rest = text.length - bodyPreviewChars;
  const shown = JSON.stringify(head + text.slice(0, bodyPreviewChars));
  return `${shown} … (${rest} more characters of body) … ${JSON.stringify(tail)}`;
}

function nextStep(facts: MismatchFacts): string {
  if (facts.version === 'v1') {
    return 'v1 covers only the body: check the client secret and that the raw body bytes reached the verifier (a re-serialised body never matches).';
  }
  const decoded = facts.version === 'v3' && decodeUriForV3(facts.url) !== facts.url;
  const decodeNote = decoded
    ? ` The string above has %40, %3A, %2F and the other escapes of docs/protocol.md §1 decoded, as HubSpot's validation docs say; the raw URL ${JSON.stringify(facts.url)}, as HubSpot's official client and local-dev proxy hash it, was tried too and does not match either.`
    : '';
  return `If HubSpot called a different public URL (proxy, tunnel), set publicUrl; if a body parser ran first, verify the raw body bytes; check the client secret.${decodeNote}`;
}

/**
 * Human message for SIGNATURE_MISMATCH: the exact string hashed (secret elided), the received
 * signature's first characters and the next step. It never contains the expected signature or
 * anything else computed from the secret.
 */
export function describeMismatch(facts: MismatchFacts): string {
  const { version, method, url, received, attempts } = facts;
  const secrets = attempts.length === 1 ? '' : ` None of the ${attempts.length} client secrets matched.`;
  const lines = [
    `${version} signature mismatch for ${method.toUpperCase()} ${url}: the string hashed was ${describeParts(facts)}, that is ${describeSource(facts)}.${secrets}`,
    // Never the expected signature or any part of it: this message may end up in a reply or a
    // shared log, and a prefix of the right answer helps a forger. `checked` keeps it for tools.
    `Received ${JSON.stringify(preview(received))} (${received.length} chars), which ${attempts.length === 1 ? 'is not what the client secret gives' : 'none of the secrets give'}.`,
    nextStep(facts),
  ];
  if (version === 'v3' && received.includes(' ')) {
    lines.push(
      "The signature contains a space where base64 has '+': it was URL-decoded upstream; read the raw header.",
    );
  }
  return lines.join(' ');
}
