import { SpokeCliError } from '../errors.ts';

/** Parses a positive whole-number option, or throws CLI_OPTION_INVALID naming it. */
export function parsePositiveInt(value: string, option: string): number {
  if (!/^\d{1,15}$/.test(value) || Number(value) <= 0) {
    throw new SpokeCliError(
      'CLI_OPTION_INVALID',
      `${option} ${JSON.stringify(value)} is not a positive whole number.`,
    );
  }
  return Number(value);
}
