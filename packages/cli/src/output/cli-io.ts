/** A place text can be written to, like `process.stdout`. */
export interface TextSink {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
}

/**
 * Everything a command touches in the outside world, injected so commands run in-process in
 * tests. `createProcessIo()` gives the real one.
 */
export interface CliIo {
  /** Human output and `--json` documents. */
  readonly stdout: TextSink;
  /** Diagnostics, progress lines and errors. */
  readonly stderr: TextSink;
  /** Reads all of standard input (for `--body -`). */
  readonly readStdin: () => Promise<Buffer>;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Directory relative paths are resolved against. */
  readonly cwd: string;
  readonly fetch: typeof fetch;
  /** Epoch milliseconds. */
  readonly now: () => number;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** The io of the running process. */
export function createProcessIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin: () => readAll(process.stdin),
    env: process.env,
    cwd: process.cwd(),
    fetch: globalThis.fetch,
    now: Date.now,
  };
}
