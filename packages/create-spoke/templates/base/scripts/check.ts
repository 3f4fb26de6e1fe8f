import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';

// `npm run check`: runs Spoke's conformance suite (`spoke check`) against every HubSpot route of
// this service: valid signed calls must get a valid reply in time, forged or stale ones a 401.
// By default it starts the service itself on a free port with a throw-away secret; set
// SERVICE_URL and HUBSPOT_CLIENT_SECRET to check a service that is already running instead.

const checks = [
  { kind: 'card', path: '/hubspot/card' },
  { kind: 'action', path: '/hubspot/actions/acknowledge?item=101' },
  { kind: 'share-via', path: '/hubspot/share' },
  { kind: 'channel-connection', path: '/hubspot/channels' },
] as const;

interface Service {
  url: string;
  child: ChildProcess;
  /** What the service printed (warnings about the requests it refused), shown when a check fails. */
  log: () => string;
}

/** Starts src/server.ts on a free port; resolves once it prints "listening on …". */
function startService(secret: string): Promise<Service> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', HUBSPOT_CLIENT_SECRET: secret },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url !== undefined) resolve({ url, child, log: () => output });
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`the service exited (code ${code}) before listening:\n${output}`)),
    );
  });
}

/** Runs `spoke check` (from node_modules/.bin, which npm puts on PATH) and resolves its exit code. */
function runSpokeCheck(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('spoke', ['check', ...args], {
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

const external = process.env.SERVICE_URL;
const secret =
  external === undefined ? randomUUID() : (process.env.HUBSPOT_CLIENT_SECRET ?? 'spoke-dev-secret');
const service = external === undefined ? await startService(secret) : undefined;
const base = (external ?? service?.url ?? '').replace(/\/$/, '');

let failed = 0;
try {
  for (const { kind, path } of checks) {
    console.log(`\nspoke check ${kind}: ${base}${path}`);
    const code = await runSpokeCheck([`${base}${path}`, '--secret', secret, '--kind', kind]);
    if (code !== 0) failed += 1;
  }
} finally {
  service?.child.kill();
}
if (failed > 0 && service !== undefined) console.log(`\nthe service's log:\n${service.log()}`);
console.log(failed === 0 ? '\nevery route passed' : `\n${failed} of ${checks.length} routes failed`);
process.exitCode = failed === 0 ? 0 : 1;
