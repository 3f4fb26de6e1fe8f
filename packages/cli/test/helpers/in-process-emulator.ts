import { createEmulator, type Emulator } from '@spoke/emulator';

/** The developer API key the test emulators are seeded with. */
export const testApiKey = 'test-developer-key';
/** The client secret the test emulators sign with. */
export const testSecret = 'test-client-secret';
/** A base URL that never leaves the process: `fetch` routes it to `emulator.fetch`. */
export const inProcessBase = 'http://emulator.test';

/** An in-memory emulator and a `fetch` that talks to it without a socket. */
export async function inProcessEmulator(): Promise<{ emulator: Emulator; fetch: typeof fetch }> {
  const emulator = await createEmulator({ seed: { developerApiKey: testApiKey, clientSecret: testSecret } });
  const routed = ((input: string | URL | Request, init?: RequestInit) =>
    emulator.fetch(new Request(input, init))) as typeof fetch;
  return { emulator, fetch: routed };
}
