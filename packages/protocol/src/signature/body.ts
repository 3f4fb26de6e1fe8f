/** A request body as the verifier receives it: the raw bytes, or a string that is hashed as UTF-8. */
export type SignatureBody = string | Uint8Array;

/** Number of bytes the body contributes to the hash. */
export function bodyByteLength(body: SignatureBody): number {
  return typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.byteLength;
}

/** The body as text, for explanations only; hashing always uses the raw bytes. */
export function bodyText(body: SignatureBody): string {
  return typeof body === 'string'
    ? body
    : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
}
