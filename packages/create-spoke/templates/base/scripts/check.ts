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

const windows = process.platform === 'win32';

/** Starts src/server.ts on a free port; resolves with its URL once it prints "listening on …". */
function startService(secret: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', HUBSPOT_CLIENT_SECRET: secret },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      output += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url !== undefined) resolve({ url, child });
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`the service exited (code ${code}) before listening:\n${output}`)),
    );
  });
}

function runSpokeCheck(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('spoke', ['check', ...args], { stdio: 'inherit', shell: windows });
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
console.log(failed === 0 ? '\nevery route passed' : `\n${failed} of ${checks.length} routes failed`);
process.exitCode = failed === 0 ? 0 : 1;
