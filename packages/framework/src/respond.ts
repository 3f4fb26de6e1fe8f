import type { SchemaIssue } from '@spoke/protocol';

/** The JSON body of every error the framework answers with. */
export interface ErrorBody {
  /** A registered code: the framework's, or the protocol's `SIGNATURE_*`. */
  readonly code: string;
  /** What happened and what to do next, with a link to docs/errors.md. */
  readonly message: string;
  /** Schema problems, when the request or (in development) the reply did not match. */
  readonly issues?: readonly SchemaIssue[];
}

const jsonType = 'application/json; charset=utf-8';

// The text of each JSON response the core built, so node adapters can write it without reading the
// body stream back (a stream read per request is one of the costliest steps; bench/RESULTS.md).
const texts = new WeakMap<Response, string>();

/** The JSON text a response was built from by {@link jsonResponse}, if it was and is still unread. */
export function jsonTextOf(response: Response): string | undefined {
  return response.bodyUsed ? undefined : texts.get(response);
}

/** A JSON response with the given status. */
export function jsonResponse(status: number, text: string, headers: Record<string, string> = {}): Response {
  const response = new Response(text, { status, headers: { 'content-type': jsonType, ...headers } });
  texts.set(response, text);
  return response;
}

/** An error response: `{ code, message, issues? }`, never a stack. */
export function errorResponse(
  status: number,
  body: ErrorBody,
  headers: Record<string, string> = {},
): Response {
  return jsonResponse(status, JSON.stringify(body), headers);
}
