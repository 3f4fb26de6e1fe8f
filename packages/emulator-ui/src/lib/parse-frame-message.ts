/** What a message posted by an IFRAME action's page means to the platform. docs/protocol.md §2.4. */
export type FrameMessage =
  | { kind: 'DONE'; raw: string }
  | { kind: 'CANCEL'; raw: string }
  | { kind: 'unknown'; raw: string; problem: string }
  | { kind: 'not-json'; raw: string; problem: string };

function show(data: unknown): string {
  if (typeof data === 'string') return data;
  try {
    return JSON.stringify(data) ?? String(data);
  } catch {
    return String(data);
  }
}

/**
 * Classifies `event.data` from the iframe. HubSpot expects a JSON *string*
 * (`JSON.stringify({"action":"DONE"})`); an object or anything else is flagged.
 */
export function parseFrameMessage(data: unknown): FrameMessage {
  const raw = show(data);
  if (typeof data !== 'string') {
    return { kind: 'not-json', raw, problem: 'not a JSON string: send JSON.stringify({"action":"DONE"})' };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return { kind: 'not-json', raw, problem: 'not valid JSON' };
  }
  const action =
    typeof parsed === 'object' && parsed !== null && 'action' in parsed
      ? (parsed as { action: unknown }).action
      : undefined;
  if (action === 'DONE') return { kind: 'DONE', raw };
  if (action === 'CANCEL') return { kind: 'CANCEL', raw };
  return {
    kind: 'unknown',
    raw,
    problem: 'unknown message: expected {"action":"DONE"} or {"action":"CANCEL"}',
  };
}
