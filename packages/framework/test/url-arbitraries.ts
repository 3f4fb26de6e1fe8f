import fc from 'fast-check';

/**
 * Characters the URL parser treats specially (encodes, drops, or reads as a dot or a slash) mixed
 * with ordinary ones, so generated request targets hit the string split and the WHATWG parser alike.
 */
const targetChars = fc.constantFrom(
  ...'aZ09-._~!$&()*+,;=:@/?%2e2E'.split(''),
  ' ',
  '"',
  "'",
  '<',
  '>',
  '`',
  '{',
  '}',
  '|',
  '\\',
  '^',
  '#',
  '[',
  ']',
  '\t',
  'é',
  '..',
  '/./',
  '/../',
  '%2e%2E',
);

/** Request targets (`/…`) of up to 24 such pieces, for the URL splitters' property tests. */
export const requestTargets = fc.array(targetChars, { maxLength: 24 }).map((parts) => `/${parts.join('')}`);
