import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { limits, schemaIssues } from '@spoke/protocol';
import { SpokeCliError } from '../errors.ts';
import { type SpokeConfig, spokeConfigSchema } from './config-schema.ts';
import { interpolateEnv } from './interpolate-env.ts';

/** A config file read, interpolated and validated. */
export interface LoadedConfig {
  /** Absolute path of the file. */
  path: string;
  /** The JSON as written, `${VAR}` references kept (what `pull` preserves). */
  raw: unknown;
  /** The validated config with variables substituted. */
  config: SpokeConfig;
}

/** Reads JSON text; a syntax error becomes CONFIG_NOT_JSON naming the file. */
export function parseConfigText(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new SpokeCliError(
      'CONFIG_NOT_JSON',
      `${path} is not valid JSON: ${(cause as Error).message}. Fix the syntax (a trailing comma or a missing quote is the usual cause).`,
      { cause },
    );
  }
}

/** Validates a parsed config (after `${VAR}` substitution) and checks the 25-card limit first, so nothing remote is touched. */
export function validateConfig(
  raw: unknown,
  env: Readonly<Record<string, string | undefined>>,
  path: string,
): SpokeConfig {
  const cards = (raw as { cards?: unknown } | null)?.cards;
  if (Array.isArray(cards) && cards.length > limits.maxCardsPerApp) {
    throw new SpokeCliError(
      'CONFIG_TOO_MANY_CARDS',
      `${path} declares ${cards.length} cards; HubSpot allows at most ${limits.maxCardsPerApp} per app. Remove ${cards.length - limits.maxCardsPerApp} card(s); nothing was changed.`,
    );
  }
  const parsed = spokeConfigSchema.safeParse(interpolateEnv(raw, env));
  if (!parsed.success) {
    const issues = schemaIssues(parsed.error);
    throw new SpokeCliError(
      'CONFIG_INVALID',
      `${path} does not match the config schema (${issues.length} problem${issues.length === 1 ? '' : 's'}); nothing was changed. Run \`spoke schema config\` for the schema.`,
      { details: issues.map((issue) => `${issue.path}: ${issue.message}`) },
    );
  }
  return parsed.data;
}

/** Reads `spoke.config.json` (or another path), substitutes `${VAR}` from `env` and validates it. */
export async function loadConfig(
  file: string,
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<LoadedConfig> {
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new SpokeCliError(
      'CONFIG_NOT_FOUND',
      `no config file at ${path}. Create one (see docs/cli.md), run \`spoke pull\` to write the current remote state, or pass --config <path>.`,
      { cause },
    );
  }
  const raw = parseConfigText(text, path);
  return { path, raw, config: validateConfig(raw, env, path) };
}
