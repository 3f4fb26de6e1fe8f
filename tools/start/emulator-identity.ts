// Is the emulator answering at a URL the one `npm start` started? Checked before anything is
// written to it, because `spoke push` deletes the cards its config does not list.

/** What `spoke emulator` printed when it was ready (see packages/cli/src/commands/emulator.ts). */
export interface ReadyEmulator {
  url: string;
  developerApiKey: string;
}

/**
 * Reads `spoke emulator`'s ready block from its stdout lines: "Spoke emulator ready at URL", then
 * "  developer API key  KEY". `null` until both lines are there.
 */
export function parseReady(lines: readonly string[]): ReadyEmulator | null {
  let url: string | undefined;
  let developerApiKey: string | undefined;
  for (const line of lines) {
    url ??= /^Spoke emulator ready at (\S+)$/.exec(line)?.[1];
    if (url !== undefined) developerApiKey ??= /^\s+developer API key\s+(\S+)$/.exec(line)?.[1];
  }
  return url === undefined || developerApiKey === undefined ? null : { url, developerApiKey };
}

/**
 * `null` when the emulator at `url` keeps its data in `dataFile` and has an app with
 * `developerApiKey`, else the reason it is not the expected one. Read-only: GETs only.
 */
export async function identityProblem(
  url: string,
  expected: { dataFile: string; developerApiKey: string },
): Promise<string | null> {
  const get = async (path: string): Promise<unknown> => {
    const response = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
    return response.json();
  };
  let store: unknown;
  let keys: unknown[];
  try {
    ({ store } = (await get('/_spoke/info')) as { store?: unknown });
    const { results } = (await get('/_spoke/apps')) as { results?: { developerApiKey?: unknown }[] };
    keys = (results ?? []).map((app) => app.developerApiKey);
  } catch (error) {
    return `${url} does not answer like a Spoke emulator (${error instanceof Error ? error.message : String(error)})`;
  }
  if (store !== `file:${expected.dataFile}`)
    return `the emulator at ${url} keeps its data in ${String(store).replace(/^file:/, '')}, not ${expected.dataFile}: it is not the one npm start started`;
  if (!keys.includes(expected.developerApiKey))
    return `the emulator at ${url} has no app with the developer API key its process printed: it is not the one npm start started`;
  return null;
}
