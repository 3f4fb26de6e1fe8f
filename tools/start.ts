// `npm start`: the emulator (API + UI) and the bug-tracker example as child processes, the
// example's config pushed, the example installed through OAuth (consent given automatically),
// demo records seeded, one line per URL to open; Ctrl-C stops both.
// Environment: SPOKE_PORT (3400), EXAMPLE_PORT (3500), SPOKE_DATA_DIR (.spoke), DATABASE_URL
// (the example uses Postgres), SPOKE_SKIP_UI_BUILD=1 (do not build the UI). See README.md.
//
// It never writes to a server it did not start: both ports must be free before anything starts,
// the emulator counts as ready only once its own process printed "Spoke emulator ready at URL",
// and its identity (data file, developer API key) is checked again right before `spoke push`,
// which deletes the cards its config does not list. "Spoke is running" comes after every step.
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { identityProblem, parseReady } from './start/emulator-identity.ts';
import { describeHolder, host, portProblem, suggestPorts } from './start/ports.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
const env = process.env;
const spokePort = port('SPOKE_PORT', 3400);
const examplePort = port('EXAMPLE_PORT', 3500);
const dataDir = resolve(root, env.SPOKE_DATA_DIR ?? '.spoke');
const emulatorDataFile = join(dataDir, 'emulator.db');
const emulatorUrl = `http://${host}:${spokePort}`;
const exampleUrl = `http://${host}:${examplePort}`;
// What the emulator seeds on a fresh data file; an existing file keeps its own, read back below.
const devSecret = 'spoke-dev-client-secret';
const devApiKey = 'spoke-dev-key';
const readyTimeoutMs = 60_000;
const colour = process.stdout.isTTY && env.NO_COLOR === undefined;
const paint = (code: number, text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);

function port(name: string, fallback: number): number {
  const text = env[name] ?? String(fallback);
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65_535)
    fail(`${name}=${text} is not a port number.`);
  return Number(text);
}

function fail(message: string): never {
  process.stderr.write(`${paint(31, '[start]')} ${message}\n`);
  process.exit(1);
}

function say(message: string): void {
  process.stdout.write(`${paint(36, '[start]')} ${message}\n`);
}

// --- the ports ---------------------------------------------------------------------------------

/** Stops (exit 1) before anything starts when SPOKE_PORT or EXAMPLE_PORT cannot be listened on. */
async function checkPorts(): Promise<void> {
  if (spokePort === examplePort)
    fail(`SPOKE_PORT and EXAMPLE_PORT are both ${spokePort}; the emulator and the example need one each.`);
  const taken: string[] = [];
  for (const [name, role, value] of [
    ['SPOKE_PORT', 'the emulator', spokePort],
    ['EXAMPLE_PORT', 'the example service', examplePort],
  ] as const) {
    const problem = await portProblem(value);
    if (problem === null) continue;
    const holder =
      problem.code === 'EADDRINUSE'
        ? `is taken by ${await describeHolder(value)}`
        : `cannot be listened on (${problem.code ?? problem.message})`;
    taken.push(`port ${value} on ${host} (${name}, for ${role}) ${holder}.`);
  }
  if (taken.length === 0) return;
  const [freeSpoke, freeExample] = await suggestPorts(spokePort, examplePort);
  fail(
    [
      ...taken,
      'Nothing was started and nothing was pushed. Stop what holds it, or pick other ports (see README.md):',
      `  SPOKE_PORT=${freeSpoke} EXAMPLE_PORT=${freeExample} npm start`,
    ].join('\n'),
  );
}

// --- the UI build ------------------------------------------------------------------------------

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce(
    (latest, entry) => Math.max(latest, newest(join(path, entry))),
    stat.mtimeMs,
  );
}

/** Builds packages/emulator-ui/dist when it is missing or older than its sources. */
function buildUiIfNeeded(): void {
  const ui = join(root, 'packages/emulator-ui');
  if (env.SPOKE_SKIP_UI_BUILD === '1') return;
  if (!existsSync(join(ui, 'vite.config.ts')) || !existsSync(join(ui, 'src'))) {
    say('the emulator UI has no build setup yet; the emulator serves its API index page instead.');
    return;
  }
  const built = join(ui, 'dist/index.html');
  const sources = Math.max(
    newest(join(ui, 'src')),
    newest(join(ui, 'index.html')),
    newest(join(ui, 'vite.config.ts')),
  );
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  say('building the emulator UI (once; again only when its sources change)…');
  try {
    execFileSync('npm', ['run', 'build', '-w', '@spoke/emulator-ui', '--silent'], {
      cwd: root,
      stdio: 'inherit',
    });
  } catch {
    fail('the UI build failed (output above). Run `npm run build -w @spoke/emulator-ui` to see why.');
  }
}

// --- child processes ----------------------------------------------------------------------------

interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  /** Everything it printed, line by line (stdout and stderr). */
  readonly lines: string[];
  /** Resolves once it exited and its output was read to the end. */
  readonly closed: Promise<number | null>;
  isRunning(): boolean;
  /** Called on every line and once on close, for {@link waitForLine}. */
  readonly listeners: Set<() => void>;
  ready: boolean;
}

const children: Child[] = [];
let stopping = false;

function startChild(name: string, tag: string, args: readonly string[], childEnv: NodeJS.ProcessEnv): Child {
  if (stopping) throw new Error('stopping');
  // Own process group: the terminal's Ctrl-C reaches start only, which stops each child once.
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let running = true;
  const entry: Child = {
    name,
    process: child,
    lines: [],
    listeners: new Set(),
    ready: false,
    isRunning: () => running,
    // 'close' comes after 'exit' and after both streams ended: every line is printed by then.
    closed: new Promise((done) =>
      child.once('close', (code) => {
        running = false;
        done(code);
      }),
    ),
  };
  child.once('exit', () => {
    running = false;
  });
  child.once('error', (error) => void abort(`could not start ${name}: ${error.message}`));
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      process.stdout.write(`${tag} ${line}\n`);
      entry.lines.push(line);
      for (const listener of entry.listeners) listener();
    });
  }
  children.push(entry);
  entry.closed.then((code) => {
    for (const listener of entry.listeners) listener();
    if (!stopping)
      void abort(
        `${name} exited with code ${code} ${entry.ready ? 'unexpectedly' : 'before it was ready'} (its output is above); stopping.`,
      );
  });
  return entry;
}

/** Stops every child (SIGTERM, SIGKILL after 10 s), then exits with `exitCode`. */
async function stopAll(exitCode: number): Promise<never> {
  stopping = true;
  await Promise.all(
    children.map(async (child) => {
      if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGTERM');
      const timer = setTimeout(() => child.process.kill('SIGKILL'), 10_000);
      await child.closed;
      clearTimeout(timer);
    }),
  );
  process.exit(exitCode);
}

/** Says why start gives up, stops the children, exits 1. A second call (or one during Ctrl-C) waits. */
function abort(reason: string): Promise<never> {
  if (stopping) return new Promise<never>(() => {});
  process.stderr.write(`${paint(31, '[start]')} ${reason}\n`);
  return stopAll(1);
}

// A killed start must not leave servers behind.
process.on('exit', () => {
  for (const child of children) if (child.process.exitCode === null) child.process.kill('SIGKILL');
});

/**
 * Waits until `child` itself printed what `found` looks for (its own stdout, so an unrelated server
 * that answers on the same port cannot pass for it). Gives up when it exits first or after 60 s.
 */
async function waitForLine<T>(
  child: Child,
  what: string,
  found: (lines: readonly string[]) => T | null,
): Promise<T> {
  const result = await new Promise<T | null>((done) => {
    const timer = setTimeout(() => finish(null), readyTimeoutMs);
    const finish = (value: T | null) => {
      clearTimeout(timer);
      child.listeners.delete(check);
      done(value);
    };
    const check = () => {
      const value = found(child.lines);
      if (value !== null) finish(value);
      else if (!child.isRunning()) finish(null);
    };
    child.listeners.add(check);
    check();
  });
  if (result !== null) return result;
  // Exited first: the close handler reports it with the exit code.
  if (!child.isRunning()) await child.closed;
  return abort(`${child.name} did not print ${what} within ${readyTimeoutMs / 1000} s; stopping.`);
}

// --- the control API ------------------------------------------------------------------------------

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${emulatorUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok)
    throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

interface AppInfo {
  id: number;
  clientId: string;
  clientSecrets: string[];
  developerApiKey: string;
}

interface RecordInfo {
  id: string;
  properties: Record<string, string>;
}

/** Records the demo attaches issues to; created when missing (the emulator seeds them on a fresh store). */
const demoRecords = [
  {
    objectType: 'contacts',
    kind: 'CONTACT',
    key: 'email',
    properties: {
      firstname: 'Maria',
      lastname: 'Johnson',
      email: 'maria.johnson@acmerobotics.com',
      company: 'Acme Robotics',
    },
  },
  {
    objectType: 'companies',
    kind: 'COMPANY',
    key: 'name',
    properties: { name: 'Acme Robotics', domain: 'acmerobotics.com' },
  },
  {
    objectType: 'tickets',
    kind: 'TICKET',
    key: 'subject',
    properties: { subject: 'Login fails with SSO', hs_ticket_priority: 'HIGH' },
  },
  {
    objectType: 'contacts',
    kind: 'CONTACT',
    key: 'email',
    properties: {
      firstname: 'Brian',
      lastname: 'Halligan',
      email: 'bh@globex.io',
      company: 'Globex Logistics',
    },
  },
] as const;

async function ensureRecord(record: (typeof demoRecords)[number]): Promise<string> {
  const value = record.properties[record.key as keyof typeof record.properties] as string;
  const { results } = await api<{ results: RecordInfo[] }>(
    'GET',
    `/_spoke/records/${record.objectType}?q=${encodeURIComponent(value)}`,
  );
  const found = results.find((candidate) => candidate.properties[record.key] === value);
  if (found) return found.id;
  return (
    await api<RecordInfo>('POST', `/_spoke/records/${record.objectType}`, { properties: record.properties })
  ).id;
}

// --- the install -----------------------------------------------------------------------------------

/**
 * Installs the bug tracker in `portalId` through HubSpot's OAuth, as a browser would: its
 * /oauth/install (state cookie kept), Connect on the consent screen given automatically (the
 * control route the screen posts to), then its /oauth/callback, which exchanges the code and
 * stores the tokens. Needs the redirect URL registered (`redirectUrls` in spoke.config.json).
 */
async function installExample(portalId: number): Promise<void> {
  const begun = await fetch(`${exampleUrl}/oauth/install`, { redirect: 'manual' });
  const authorize = begun.headers.get('location');
  if (begun.status !== 302 || authorize === null)
    throw new Error(
      `${exampleUrl}/oauth/install answered ${begun.status}, not a redirect to HubSpot's consent`,
    );
  const cookie = (begun.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const query = new URL(authorize).searchParams;
  const { location } = await api<{ location: string }>('POST', '/_spoke/oauth/authorize', {
    clientId: query.get('client_id'),
    redirectUri: query.get('redirect_uri'),
    scope: query.get('scope'),
    state: query.get('state'),
    portalId,
  });
  const back = await fetch(location, { headers: { cookie }, redirect: 'manual' });
  if (back.status !== 200) {
    const page = await back.text();
    const message = /<p>([^<]*)<\/p>/.exec(page)?.[1] ?? page.slice(0, 300);
    throw new Error(`the bug tracker's /oauth/callback answered ${back.status}: ${message}`);
  }
}

// --- main ------------------------------------------------------------------------------------------

const run = promisify(execFile);

/** Checks, right before a write, that the emulator on the port is still the one started here. */
async function confirmEmulator(emulator: Child, developerApiKey: string): Promise<void> {
  if (!emulator.isRunning()) return abort(`${emulator.name} is no longer running; stopping.`);
  const problem = await identityProblem(emulatorUrl, { dataFile: emulatorDataFile, developerApiKey });
  if (problem !== null) return abort(`${problem}. Nothing was pushed; stopping.`);
}

async function main(): Promise<void> {
  await checkPorts();
  buildUiIfNeeded();
  mkdirSync(dataDir, { recursive: true });
  const cli = join(root, 'packages/cli/bin/spoke.js');
  // Children inherit the environment: DATABASE_URL reaches the bug tracker.
  const baseEnv = { ...env };
  const emulator = startChild(
    'the emulator',
    paint(35, '[emulator]'),
    [
      cli,
      'emulator',
      '--port',
      String(spokePort),
      '--host',
      host,
      '--data',
      emulatorDataFile,
      '--client-secret',
      devSecret,
      '--developer-api-key',
      devApiKey,
    ],
    baseEnv,
  );
  // The emulator's own "ready at" line: it holds the port (a failed listen exits instead).
  const ready = await waitForLine(emulator, `"Spoke emulator ready at ${emulatorUrl}"`, parseReady);
  if (ready.url !== emulatorUrl)
    return abort(`the emulator says it is ready at ${ready.url}, not ${emulatorUrl}; stopping.`);
  await confirmEmulator(emulator, ready.developerApiKey);
  emulator.ready = true;

  const { results: apps } = await api<{ results: AppInfo[] }>('GET', '/_spoke/apps');
  const app =
    apps.find((candidate) => candidate.developerApiKey === ready.developerApiKey && candidate.id === 1000) ??
    apps.find((candidate) => candidate.developerApiKey === ready.developerApiKey);
  if (!app)
    return abort(
      `the emulator at ${emulatorUrl} has no app; delete ${emulatorDataFile} and run npm start again.`,
    );
  const info = await api<{ portals: { id: number }[] }>('GET', '/_spoke/info');
  const portalId = info.portals[0]?.id ?? 62515;
  const ids: string[] = [];
  for (const record of demoRecords) ids.push(await ensureRecord(record));

  const example = startChild(
    'the bug tracker',
    paint(33, '[example]'),
    ['--conditions=@spoke/source', '--import', 'tsx', join(root, 'examples/bug-tracker/src/main.ts')],
    {
      ...baseEnv,
      PORT: String(examplePort),
      HOST: host,
      SQLITE_FILE: join(dataDir, 'bug-tracker.db'),
      HUBSPOT_CLIENT_SECRET: app.clientSecrets.join(','),
      // The install and the write-back go to the emulator, on HubSpot's paths.
      HUBSPOT_CLIENT_ID: app.clientId,
      HUBSPOT_APP_URL: emulatorUrl,
      HUBSPOT_API_URL: emulatorUrl,
      SEED_DEMO_DATA: 'true',
      DEMO_RECORDS: JSON.stringify(
        demoRecords.map((r, i) => ({ portalId, objectType: r.kind, objectId: ids[i] })),
      ),
    },
  );
  // Its own "listening on URL" line (examples/bug-tracker/src/main.ts), then one health check.
  const listening = `[bug-tracker] listening on ${exampleUrl}`;
  await waitForLine(example, `"${listening}"`, (lines) =>
    lines.some((line) => line === listening || line.startsWith(`${listening} `)) ? true : null,
  );
  const health = await fetch(`${exampleUrl}/health`, { signal: AbortSignal.timeout(5000) }).catch(
    (error: unknown) => error as Error,
  );
  if (health instanceof Error || !health.ok)
    return abort(
      `the bug tracker at ${exampleUrl}/health did not answer 200 (${health instanceof Error ? health.message : health.status}); stopping.`,
    );
  example.ready = true;

  await confirmEmulator(emulator, ready.developerApiKey);
  if (!example.isRunning()) return abort(`${example.name} is no longer running; stopping.`);
  try {
    const { stdout } = await run(
      process.execPath,
      [
        cli,
        'push',
        '--config',
        'examples/bug-tracker/spoke.config.json',
        '--api',
        emulatorUrl,
        '--hapikey',
        app.developerApiKey,
        '--app-id',
        String(app.id),
      ],
      { cwd: root, env: { ...baseEnv, BUG_TRACKER_URL: exampleUrl, NO_COLOR: '1' }, encoding: 'utf8' },
    );
    for (const line of stdout.trim().split('\n')) process.stdout.write(`${paint(32, '[push]')} ${line}\n`);
  } catch (error) {
    if (stopping) return;
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    process.stderr.write(`${stdout}${stderr}`);
    return abort('spoke push failed (output above); stopping.');
  }
  // Ctrl-C (or a child exiting) during the push: not running.
  if (stopping || !emulator.isRunning() || !example.isRunning()) return;
  try {
    await installExample(portalId);
  } catch (error) {
    if (stopping) return;
    return abort(
      `installing the bug tracker through OAuth failed: ${error instanceof Error ? error.message : String(error)}; stopping.`,
    );
  }
  say(
    `the bug tracker is installed in portal ${portalId} through HubSpot's OAuth (consent given automatically).`,
  );
  if (stopping || !emulator.isRunning() || !example.isRunning()) return;

  const [maria] = ids;
  const line = (label: string, url: string) => `  ${label.padEnd(34)} ${paint(1, url)}`;
  process.stdout.write(
    [
      '',
      `Spoke is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s). Open:`,
      line('Record page with the card', `${emulatorUrl}/#/records/contacts/${maria}`),
      line('Reports (Share Via)', `${emulatorUrl}/#/reports`),
      line('Help desk (channel connection)', `${emulatorUrl}/#/help-desk`),
      line('Inspector (every signed request)', `${emulatorUrl}/#/inspector`),
      line('Bug tracker issues', `${exampleUrl}/issues`),
      line('Install again (consent screen)', `${exampleUrl}/oauth/install`),
      `Client secret ${app.clientSecrets[0]}, developer API key ${app.developerApiKey}, app ${app.id}. Press Ctrl-C to stop.`,
      '',
    ].join('\n'),
  );
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    say(`${signal}: stopping the emulator and the bug tracker…`);
    void stopAll(0);
  });
}

main().catch(async (error: unknown) => {
  // Ctrl-C during start-up makes pending calls fail; that is not worth reporting.
  if (stopping) return;
  await abort(error instanceof Error ? error.message : String(error));
});
