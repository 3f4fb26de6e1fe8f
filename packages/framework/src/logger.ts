/** Where the framework writes what it has to say. Any object with these four methods works (pino, console…). */
export interface Logger {
  debug(message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

/**
 * The default logger: `console`, one line per event, details appended when present. Debug
 * entries (unknown paths and methods, mostly scanners) are dropped unless `debug` is true.
 */
export function createConsoleLogger(options: { debug?: boolean } = {}): Logger {
  const write =
    (method: 'debug' | 'info' | 'warn' | 'error') => (message: string, details?: Record<string, unknown>) => {
      if (details === undefined) console[method](message);
      else console[method](message, details);
    };
  return {
    debug: options.debug === true ? write('debug') : () => {},
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
  };
}

/** A logger that adds `fields` to every entry; `ctx.log` is one of these, naming the route. */
export function childLogger(parent: Logger, fields: Record<string, unknown>): Logger {
  const write =
    (method: 'debug' | 'info' | 'warn' | 'error') => (message: string, details?: Record<string, unknown>) =>
      parent[method](message, { ...fields, ...details });
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
