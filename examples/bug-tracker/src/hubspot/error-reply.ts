import type { BugTrackerError } from '../errors.ts';

/**
 * A refusal HubSpot shows as an error: the error's status and `{ code, message }`, the same body
 * shape the framework answers with.
 */
export function errorReply(error: BugTrackerError): Response {
  return Response.json({ code: error.code, message: error.message }, { status: error.status });
}
