import type { Context } from 'hono';
import { SpokeEmulatorError } from '../errors.ts';

/** Reads a JSON body; an empty body gives `fallback` when one is passed, else a 400. */
export async function readJson(c: Context, fallback?: unknown): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') {
    if (fallback !== undefined) return fallback;
    throw new SpokeEmulatorError('API_MALFORMED_JSON', `${c.req.method} ${c.req.path} needs a JSON body.`);
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
