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

/**
 * A reply the core built: status, headers and JSON text, no `Response`. The node adapters write it
 * with one `writeHead` + `end`; the fetch adapter wraps it in a `Response` (bench/RESULTS.md: the
 * `Response` round trip per request was one of the costliest steps of the node adapter).
 */
export interface PlainReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The request body was not read to its end (body timeout): close the connection after replying. */
  readonly closeConnection?: boolean;
}

/** What the core answers with: its own plain reply, or the `Response` a handler returned as is. */
export type CoreResult = PlainReply | Response;

const jsonType = 'application/json; charset=utf-8';
// Shared by every reply without extra headers (the usual 200), so none allocates a header object.
const jsonHeaders: Readonly<Record<string, string>> = Object.freeze({ 'content-type': jsonType });

/** A JSON reply with the given status. */
export function jsonReply(status: number, text: string, headers?: Record<string, string>): PlainReply {
  return {
    status,
    headers: headers === undefined ? jsonHeaders : { 'content-type': jsonType, ...headers },
    body: text,
  };
}

/** An error reply: `{ code, message, issues? }`, never a stack. */
export function errorReply(status: number, body: ErrorBody, headers?: Record<string, string>): PlainReply {
  return jsonReply(status, JSON.stringify(body), headers);
}

// The text of each JSON response built from a plain reply, so `sendResponse` can write it without
// reading the body stream back (custom node servers that go through `app.fetch`). Kept on the
// response under a symbol: a WeakMap entry per response cost about 1 µs with its collection.
const jsonText = Symbol('spoke.jsonText');
type TextResponse = Response & { [jsonText]?: string };

/** The JSON text a response was built from by {@link toResponse}, if it was and is still unread. */
export function jsonTextOf(response: Response): string | undefined {
  return response.bodyUsed ? undefined : (response as TextResponse)[jsonText];
}

/** The core's answer as a fetch `Response` (a handler's own `Response` passes through). */
export function toResponse(result: CoreResult): Response {
  if (result instanceof Response) return result;
  const response: TextResponse = new Response(result.body, {
    status: result.status,
    headers: result.headers,
  });
  response[jsonText] = result.body;
  return response;
}

/** An error response: `{ code, message, issues? }` (adapters answering before the core runs). */
export function errorResponse(status: number, body: ErrorBody, headers?: Record<string, string>): Response {
  return toResponse(errorReply(status, body, headers));
}
