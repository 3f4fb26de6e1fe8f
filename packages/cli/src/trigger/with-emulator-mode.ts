import type { PlatformMode } from '@spoke/protocol';
import type { CliIo } from '../output/cli-io.ts';
import type { EmulatorClient } from './emulator-client.ts';

/** Runs `task` with the emulator in `mode`, switching back afterwards (the mode is emulator-wide). */
export async function withEmulatorMode<T>(
  client: EmulatorClient,
  mode: PlatformMode | undefined,
  io: CliIo,
  task: () => Promise<T>,
): Promise<T> {
  if (mode === undefined) return task();
  const before = await client.mode();
  if (before === mode) return task();
  io.stderr.write(`[spoke] switching the emulator to ${mode} mode for this call (it was ${before})\n`);
  await client.setMode(mode);
  try {
    return await task();
  } finally {
    await client.setMode(before);
  }
}
