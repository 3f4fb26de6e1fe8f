/** Quotes one argument for a POSIX shell: single quotes, with `'` written as `'\''`. */
export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_./:=@%+,-]+$/.test(value)) return value;
  return `'${value.replaceAll("'", "'\\''")}'`;
}
