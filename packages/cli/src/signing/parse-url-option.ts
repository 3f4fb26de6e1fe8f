import { httpUrlSchema } from '@spoke/protocol';
import { SpokeCliError } from '../errors.ts';

/** Checks a `--url`-style option is an absolute http(s) URL and returns it unchanged (the exact bytes are hashed). */
export function parseUrlOption(value: string, option = '--url'): string {
  if (!httpUrlSchema.safeParse(value).success) {
    throw new SpokeCliError(
      'CLI_OPTION_INVALID',
      `${option} ${JSON.stringify(value)} is not an absolute http(s) URL. Pass the full public URL, e.g. https://example.com/hubspot/card?x=1.`,
    );
  }
  return value;
}

/** Checks an epoch-milliseconds option holds digits only. */
export function parseTimestampOption(value: string, option = '--timestamp'): number {
  if (!/^\d{1,16}$/.test(value)) {
    throw new SpokeCliError(
      'CLI_OPTION_INVALID',
      `${option} ${JSON.stringify(value)} is not epoch milliseconds (digits only), e.g. ${Date.UTC(2024, 0, 1)}.`,
    );
  }
  return Number(value);
}

/** Checks an HTTP method token and uppercases it. */
export function parseMethodOption(value: string): string {
  if (!/^[A-Za-z]+$/.test(value)) {
    throw new SpokeCliError(
      'CLI_OPTION_INVALID',
      `--method ${JSON.stringify(value)} is not an HTTP method such as GET or POST.`,
    );
  }
  return value.toUpperCase();
}
