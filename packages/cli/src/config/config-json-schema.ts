// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} is the config file's interpolation syntax, not a template
import { z } from 'zod';
import { spokeConfigSchema } from './config-schema.ts';

/** JSON Schema (draft 2020-12) of `spoke.config.json`, for editors (`"$schema"`) and `spoke schema config`. */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(spokeConfigSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }),
    title: 'spoke.config.json',
    description:
      "An app's CRM cards, calling and channel-connection settings and Share Via target, and the emulator's public URL and request shape for it, reconciled with a developer API by `spoke push`. Strings may use ${VAR} and ${VAR:-default}.",
  };
}
