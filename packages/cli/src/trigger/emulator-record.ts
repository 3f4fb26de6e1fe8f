import type { ObjectTypeName } from '@spoke/protocol';
import { SpokeCliError } from '../errors.ts';
import type { CliIo } from '../output/cli-io.ts';
import { createEmulatorClient, type EmulatorClient, emulatorToken } from './emulator-client.ts';
import { parseRecordSpec } from './trigger-options.ts';

/** What a trigger through the emulator works on: the client, the app and the record to open. */
export interface EmulatorRecord {
  client: EmulatorClient;
  appId: number;
  objectType: ObjectTypeName;
  id: number;
}

/**
 * Resolves `--emulator`, `--app-id` and `--record` (default: the first contact) for a trigger.
 * Options that only make sense without an emulator (`--param`, `--prop`) are refused.
 */
export async function resolveEmulatorRecord(
  options: { appId?: string; record?: string; token?: string },
  io: CliIo,
  base: string,
  directOnly: { flag: string; values: readonly string[] | undefined; why: string },
): Promise<EmulatorRecord> {
  if (directOnly.values?.length) {
    throw new SpokeCliError(
      'CLI_OPTION_INVALID',
      `${directOnly.flag} works without --emulator only; ${directOnly.why}`,
    );
  }
  const client = createEmulatorClient(base, io.fetch, emulatorToken(options, io.env));
  const appId = Number(options.appId ?? 1000);
  const spec = options.record
    ? parseRecordSpec(options.record)
    : { objectType: 'contacts' as ObjectTypeName, id: undefined };
  const id = spec.id ?? (await client.firstRecordId(spec.objectType));
  return { client, appId, objectType: spec.objectType, id };
}
