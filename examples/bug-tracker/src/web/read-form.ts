import { BugTrackerError } from '../errors.ts';
import { trackerLimits } from '../tracker-limits.ts';

function tooLarge(): BugTrackerError {
  return new BugTrackerError(
    'TRACKER_FORM_INVALID',
    `the form is larger than the ${trackerLimits.maxFormBytes} bytes the tracker takes; shorten the description.`,
  );
}

// Stops reading at the cap instead of buffering whatever a client sends.
async function readCapped(request: Request, cap: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > cap) throw tooLarge();
  if (request.body === null) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads a posted HTML form (`application/x-www-form-urlencoded`, at most
 * `trackerLimits.maxFormBytes`). Anything else is TRACKER_FORM_INVALID.
 */
export async function readForm(request: Request): Promise<URLSearchParams> {
  const type = request.headers.get('content-type')?.toLowerCase() ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) {
    throw new BugTrackerError(
      'TRACKER_FORM_INVALID',
      `the form was sent as ${type || 'no content type'}; post it as application/x-www-form-urlencoded (a plain <form method="post">).`,
    );
  }
  const body = await readCapped(request, trackerLimits.maxFormBytes);
  return new URLSearchParams(new TextDecoder().decode(body));
}
