import type { CliIo } from './cli-io.ts';

/** Styling functions; each returns its input unchanged when colour is off. */
export interface Colours {
  readonly enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const plain = (text: string) => text;

/** Colour only when stdout is a TTY and `NO_COLOR` is not set (https://no-color.org). */
export function isColourEnabled(io: Pick<CliIo, 'stdout' | 'env'>): boolean {
  const noColor = io.env.NO_COLOR;
  return io.stdout.isTTY === true && (noColor === undefined || noColor === '');
}

/** Colours for this io. */
export function createColours(io: Pick<CliIo, 'stdout' | 'env'>): Colours {
  const enabled = isColourEnabled(io);
  if (!enabled) {
    return { enabled, bold: plain, dim: plain, red: plain, green: plain, yellow: plain, blue: plain };
  }
  return {
    enabled,
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    red: wrap(31, 39),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    blue: wrap(34, 39),
  };
}
