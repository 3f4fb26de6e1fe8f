import { SpokeCliError } from '../errors.ts';

const pattern = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** A `${VAR}` with no value and no default, and where it was. */
export interface UnsetVariable {
  name: string;
  path: string;
}

function interpolateString(
  value: string,
  env: Readonly<Record<string, string | undefined>>,
  path: string,
  unset: UnsetVariable[],
): string {
  return value.replace(pattern, (match, name: string | undefined, fallback: string | undefined) => {
    if (match === '$${') return '${';
    const found = name === undefined ? undefined : env[name];
    if (found !== undefined && found !== '') return found;
    if (fallback !== undefined) return fallback;
    unset.push({ name: name ?? '', path });
    return match;
  });
}

function walk(
  value: unknown,
  env: Readonly<Record<string, string | undefined>>,
  path: string,
  unset: UnsetVariable[],
): unknown {
  if (typeof value === 'string') return interpolateString(value, env, path, unset);
  if (Array.isArray(value)) return value.map((item, index) => walk(item, env, `${path}.${index}`, unset));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        walk(item, env, path ? `${path}.${key}` : key, unset),
      ]),
    );
  }
  return value;
}

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string value (keys are left alone); `$${`
 * is a literal `${`. An unset (or empty) variable without a default is a CONFIG_ENV_UNSET error.
 * @example interpolateEnv({ url: '${SERVICE_URL:-http://127.0.0.1:3500}/card' }, process.env)
 */
export function interpolateEnv(value: unknown, env: Readonly<Record<string, string | undefined>>): unknown {
  const unset: UnsetVariable[] = [];
  const result = walk(value, env, '', unset);
  if (unset.length > 0) {
    throw new SpokeCliError(
      'CONFIG_ENV_UNSET',
      `the config uses environment variables that are not set: ${unset.map((u) => `\${${u.name}} at ${u.path}`).join(', ')}. Set them, or give a default as \${NAME:-value}.`,
    );
  }
  return result;
}

/** True when a string holds a `${…}` reference (so `pull` keeps it rather than writing the value). */
export function hasEnvReference(value: string): boolean {
  return /\$\{[A-Za-z_]/.test(value.replaceAll('$${', ''));
}
