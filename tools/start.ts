// `npm start`: the emulator (API + UI) and the bug-tracker example as child processes, the
// example's config pushed, demo records seeded, one line per URL to open; Ctrl-C stops both.
// Environment: SPOKE_PORT (3400), EXAMPLE_PORT (3500), SPOKE_DATA_DIR (.spoke), DATABASE_URL
// (the example uses Postgres), SPOKE_SKIP_UI_BUILD=1 (do not build the UI). See README.md.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
const env = process.env;
const spokePort = port('SPOKE_PORT', 3400);
const examplePort = port('EXAMPLE_PORT', 3500);
const dataDir = resolve(root, env.SPOKE_DATA_DIR ?? '.spoke');
const emulatorUrl = `http://127.0.0.1:${spokePort}`;
const exampleUrl = `http://127.0.0.1:${examplePort}`;
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
  readonly exited: Promise<number | null>;
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
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${tag} ${line}\n`));
  }
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const entry = { name, process: child, exited };
  children.push(entry);
  exited.then((code) => {
    if (!stopping) {
      say(`${name} exited unexpectedly (code ${code}); stopping.`);
      void stopAll(1);
    }
  });
  return entry;
}

async function stopAll(exitCode: number): Promise<never> {
  stopping = true;
  await Promise.all(
    children.map(async (child) => {
      if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGTERM');
      const timer = setTimeout(() => child.process.kill('SIGKILL'), 10_000);
      await child.exited;
      clearTimeout(timer);
    }),
  );
  process.exit(exitCode);
}

// A killed start must not leave servers behind.
process.on('exit', () => {
  for (const child of children) if (child.process.exitCode === null) child.process.kill('SIGKILL');
});

async function waitForHealth(child: Child, url: string): Promise<void> {
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null)
      fail(`${child.name} exited with code ${child.process.exitCode} before it was ready (output above).`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  say(`${child.name} did not answer ${url} within ${readyTimeoutMs / 1000} s; stopping.`);
  await stopAll(1);
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

// --- main ------------------------------------------------------------------------------------------

async function main(): Promise<void> {
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
      '127.0.0.1',
      '--data',
      join(dataDir, 'emulator.db'),
      '--client-secret',
      devSecret,
      '--developer-api-key',
      devApiKey,
    ],
    baseEnv,
  );
  await waitForHealth(emulator, `${emulatorUrl}/_spoke/health`);

  const { results: apps } = await api<{ results: AppInfo[] }>('GET', '/_spoke/apps');
  const app = apps.find((candidate) => candidate.id === 1000) ?? apps[0];
  if (!app)
    fail(
      `the emulator at ${emulatorUrl} has no app; delete ${join(dataDir, 'emulator.db')} and run npm start again.`,
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
      HOST: '127.0.0.1',
      SQLITE_FILE: join(dataDir, 'bug-tracker.db'),
      HUBSPOT_CLIENT_SECRET: app.clientSecrets.join(','),
      SEED_DEMO_DATA: 'true',
      DEMO_RECORDS: JSON.stringify(
        demoRecords.map((r, i) => ({ portalId, objectType: r.kind, objectId: ids[i] })),
      ),
    },
  );
  await waitForHealth(example, `${exampleUrl}/health`);

  try {
    const output = execFileSync(
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
      {
        cwd: root,
        env: { ...baseEnv, BUG_TRACKER_URL: exampleUrl, NO_COLOR: '1' },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    for (const line of output.trim().split('\n')) process.stdout.write(`${paint(32, '[push]')} ${line}\n`);
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    process.stderr.write(`${stdout}${stderr}`);
    say('spoke push failed (output above); stopping.');
    await stopAll(1);
  }

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
  process.stderr.write(`${paint(31, '[start]')} ${error instanceof Error ? error.message : String(error)}\n`);
  await stopAll(1);
});
