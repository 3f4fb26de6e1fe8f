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

/** A JSON response with the given status. */
export function jsonResponse(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { 'content-type': jsonType, ...headers } });
}

/** An error response: `{ code, message, issues? }`, never a stack. */
export function errorResponse(
  status: number,
  body: ErrorBody,
  headers: Record<string, string> = {},
): Response {
  return jsonResponse(status, JSON.stringify(body), headers);
}
