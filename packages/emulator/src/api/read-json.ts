import type { Context } from 'hono';
import { SpokeEmulatorError } from '../errors.ts';

/** `application/json` or `application/<anything>+json`, parameters allowed. */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  // A header sent twice arrives joined with ", "; each copy must say JSON.
  return header.split(',').every((value) => {
    const type = value.split(';')[0]?.trim().toLowerCase() ?? '';
    return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
  });
}

/**
 * Reads a JSON body; an empty body gives `fallback` when one is passed, else a 400. A body sent
 * with another `Content-Type` is refused (415): `text/plain` and form bodies are what a hostile page
 * can send across sites without asking (docs/security.md).
 */
export async function readJson(c: Context, fallback?: unknown): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') {
    if (fallback !== undefined) return fallback;
    throw new SpokeEmulatorError('API_MALFORMED_JSON', `${c.req.method} ${c.req.path} needs a JSON body.`);
  }
  const type = c.req.header('content-type');
  if (!isJsonContentType(type)) {
    throw new SpokeEmulatorError(
      'API_UNSUPPORTED_MEDIA_TYPE',
      `${c.req.method} ${c.req.path} takes JSON, sent with the header Content-Type: application/json (it came with ${type === undefined ? 'no Content-Type' : `Content-Type: ${type}`}); see docs/emulator.md.`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SpokeEmulatorError('API_MALFORMED_JSON', `the body is not valid JSON (${reason}).`, {
      cause: error,
    });
  }
}
