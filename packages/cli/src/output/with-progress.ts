import type { CliIo } from './cli-io.ts';

/** Options of {@link withProgress}. */
export interface ProgressOptions {
  /**
   * Show nothing for tasks shorter than this.
   * @default 1000
   */
  delayMs?: number;
  /**
   * Spinner frame interval on a TTY.
   * @default 80
   */
  intervalMs?: number;
}

const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A handle to change the progress label while the task runs. */
export interface Progress {
  update(label: string): void;
}

/**
 * Runs `task`; if it takes longer than a second, shows a spinner on stderr (TTY) or one
 * `… label` line (not a TTY), so long waits never look like a hang. Cleared when done.
 */
export async function withProgress<T>(
  io: Pick<CliIo, 'stderr'>,
  label: string,
  task: (progress: Progress) => Promise<T>,
  options: ProgressOptions = {},
): Promise<T> {
  const tty = io.stderr.isTTY === true;
  let current = label;
  let shown = false;
  let frame = 0;
  let spinner: NodeJS.Timeout | undefined;
  const draw = () => {
    io.stderr.write(`\r\u001b[2K${frames[frame % frames.length]} ${current}`);
    frame += 1;
  };
  const start = setTimeout(() => {
    shown = true;
    if (tty) {
      draw();
      spinner = setInterval(draw, options.intervalMs ?? 80);
      spinner.unref();
    } else {
      io.stderr.write(`… ${current}\n`);
    }
  }, options.delayMs ?? 1000);
  start.unref();
  try {
    return await task({
      update(next) {
        current = next;
        if (shown && !tty) io.stderr.write(`… ${current}\n`);
      },
    });
  } finally {
    clearTimeout(start);
    if (spinner) clearInterval(spinner);
    if (shown && tty) io.stderr.write('\r\u001b[2K');
  }
}
