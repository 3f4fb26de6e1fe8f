/**
 * A query string as a record, first value winning for repeated keys (the default parameters are
 * sent once), with exactly `URLSearchParams`' decoding. The usual query (valid escapes, UTF-8) is
 * split here without building a `URLSearchParams` and its entry arrays; anything
 * `decodeURIComponent` refuses (`%zz`, invalid UTF-8), and text with surrogates, takes
 * `URLSearchParams` itself.
 * @param search the query, with or without its leading `?`
 */
export function readQuery(search: string): Record<string, string> {
  const query = search.startsWith('?') ? search.slice(1) : search;
  const record: Record<string, string> = {};
  if (query === '') return record;
  // URLSearchParams turns a lone surrogate into U+FFFD; leave such text to it.
  if (surrogate.test(query)) return fromSearchParams(new URLSearchParams(search));
  try {
    let start = 0;
    while (start <= query.length) {
      let end = query.indexOf('&', start);
      if (end === -1) end = query.length;
      if (end > start) {
        const equals = query.indexOf('=', start);
        const split = equals === -1 || equals > end ? end : equals;
        const key = decode(query.slice(start, split));
        if (!Object.hasOwn(record, key)) {
          setField(record, key, split === end ? '' : decode(query.slice(split + 1, end)));
        }
      }
      start = end + 1;
    }
    return record;
  } catch {
    return fromSearchParams(new URLSearchParams(search));
  }
}

/** The same record from `URLSearchParams` (the fallback, and the reference the tests compare with). */
export function fromSearchParams(params: URLSearchParams): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [key, value] of params) {
    if (!Object.hasOwn(record, key)) setField(record, key, value);
  }
  return record;
}

const surrogate = /[\uD800-\uDFFF]/;

// `+` is a space in form encoding; `%2B` stays a plus, since the replacement runs before decoding.
function decode(part: string): string {
  const spaced = part.includes('+') ? part.replaceAll('+', ' ') : part;
  return spaced.includes('%') ? decodeURIComponent(spaced) : spaced;
}

// A plain assignment to `__proto__` would set the prototype; it stays a plain field instead.
function setField(record: Record<string, string>, key: string, value: string): void {
  if (key === '__proto__') {
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    record[key] = value;
  }
}
