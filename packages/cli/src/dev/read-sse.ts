/** One server-sent event. */
export interface SseEvent {
  event: string;
  data: string;
}

/**
 * Reads server-sent events from a fetch `Response` body until it ends or `signal` aborts, calling
 * `onEvent` for each complete event (`event:` and `data:` lines, blank-line separated).
 */
export async function readSse(
  response: Response,
  onEvent: (event: SseEvent) => void,
  signal?: AbortSignal,
): Promise<void> {
  if (!response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const stop = () => void reader.cancel().catch(() => undefined);
  signal?.addEventListener('abort', stop, { once: true });
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value.replaceAll('\r\n', '\n');
      for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
        }
        if (data.length > 0) onEvent({ event, data: data.join('\n') });
      }
    }
  } catch {
    // Cancelled or the stream broke: either way the log stops here.
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}
