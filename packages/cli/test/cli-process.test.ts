// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} is the config file's interpolation syntax, not a template
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createProgram } from '../src/program.ts';
import { devConfig, freePort } from './helpers/dev-project.ts';
import { configCard } from './helpers/fixtures.ts';
import { memoryIo } from './helpers/memory-io.ts';
import { runSpoke, spokeBin } from './helpers/run-spoke.ts';

let cwd: string;
beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'spoke-cli-'));
});

/** Every command and subcommand, by its full name (`trigger card`). */
function allCommands() {
  const out: { name: string; help: string; description: string; options: number }[] = [];
  const walk = (command: ReturnType<typeof createProgram>, prefix: string) => {
    for (const sub of command.commands) {
      const name = `${prefix}${sub.name()}`;
      out.push({
        name,
        help: sub.helpInformation(),
        description: sub.description(),
        options: sub.options.length,
      });
      walk(sub, `${name} `);
    }
  };
  walk(createProgram(memoryIo()), '');
  return out;
}

// The commands without subcommands; `emulator` and `trigger` have their own.
const plainCommands = ['check', 'sign', 'verify', 'schema', 'push', 'pull', 'dev', 'install', 'uninstall'];

describe('spoke as a process', () => {
  test('--help lists every command with a summary and exits 0', async () => {
    const result = await runSpoke(['--help'], { cwd });
    expect(result.code).toBe(0);
    for (const name of ['emulator', 'trigger', ...plainCommands]) {
      expect(result.stdout).toMatch(new RegExp(`\\n  ${name} [^\\n]*\\S`));
    }
  });

  test('every command and subcommand has a description, options and examples in its help', () => {
    const commands = allCommands().filter((c) => c.name !== 'emulator' && !c.name.startsWith('emulator '));
    expect(commands.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'trigger card',
        'trigger action',
        'trigger share-via',
        'trigger channel-connection',
        ...plainCommands,
      ]),
    );
    for (const command of commands.filter((c) => c.name !== 'trigger')) {
      expect(command.description.length, command.name).toBeGreaterThan(80);
      expect(command.options, command.name).toBeGreaterThan(0);
      expect(command.help, command.name).toContain('-h, --help');
    }
  });

  test('a usage error exits 2 and names the missing option', async () => {
    const result = await runSpoke(['verify', '--url', 'https://example.com/x'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("required option '--secret <secret>' not specified");
  });

  test('push refuses 26 cards with exit 2 and a JSON error, before any request', async () => {
    const cards = Array.from({ length: 26 }, (_, i) => configCard({ key: `c${i}`, title: `Card ${i}` }));
    await writeFile(join(cwd, 'spoke.config.json'), JSON.stringify({ cards }));
    // Port 9 (discard) is never listened on here: a request would fail with exit 1, not 2.
    const result = await runSpoke(['push', '--api', 'http://127.0.0.1:9', '--json'], { cwd });
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, error: { code: 'CONFIG_TOO_MANY_CARDS' } });
    expect(result.stderr).toContain('declares 26 cards; HubSpot allows at most 25 per app');
  });
});

describe('spoke dev as a process', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'spoke-dev-'));
  });
  afterAll(() => undefined);

  test('starts the emulator and the service, pushes, streams calls, re-pushes and restarts on change, stops on SIGINT', {
    timeout: 60_000,
  }, async () => {
    const config = devConfig;
    // The service verifies with the secret dev hands it and says which port it took.
    await writeFile(
      join(dir, 'service.mjs'),
      `import { createServer } from 'node:http';
const server = createServer((req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ results: [{ objectId: 1, title: 'secret ' + (process.env.SPOKE_CLIENT_SECRET ? 'set' : 'missing') }] }));
});
server.listen(Number(process.env.SERVICE_PORT), '127.0.0.1', () => console.log('service up'));
`,
    );
    const probe = await freePort();
    const serviceUrl = `http://127.0.0.1:${probe}`;
    await writeFile(join(dir, 'spoke.config.json'), config('Issues'));
    const child = spawn(
      process.execPath,
      [spokeBin, 'dev', '--service', 'node service.mjs', '--port', '0', '--secret', 'dev-secret'],
      {
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1', SERVICE_URL: serviceUrl, SERVICE_PORT: String(probe) },
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    const until = async (pattern: RegExp, from = 0) => {
      for (let waited = 0; waited < 20_000; waited += 50) {
        const match = out.slice(from).match(pattern);
        if (match) return match;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`timed out waiting for ${pattern}; output so far:\n${out}`);
    };
    try {
      const emulator = (await until(/emulator at (http:\/\/127\.0\.0\.1:\d+)/))[1] ?? '';
      await until(/\[service\] service up/);
      expect(out).toContain('+ card "Issues" (issues): create');
      const opened = await fetch(`${emulator}/_spoke/records/contacts/101/cards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(opened.status).toBe(200);
      await until(/crm-card\.fetch GET http:\/\/127\.0\.0\.1:\d+\/card\?userId=1.* → 200 in \d+ ms ✓/);
      const mark = out.length;
      await writeFile(join(dir, 'spoke.config.json'), config('Bugs', 'Issues'));
      await until(
        /spoke\.config\.json changed; pushing[\s\S]*~ card "Bugs" \(issues\) \[id \d+\]: update title/,
        mark,
      );
      const mark2 = out.length;
      await writeFile(join(dir, 'service.mjs'), `${''}// touched\n`, { flag: 'a' });
      await until(/service\.mjs changed; restarting the service[\s\S]*\[service\] service up/, mark2);
      const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
      child.kill('SIGINT');
      expect(await exit).toBe(0);
      expect(out).toContain('Stopping…');
    } finally {
      child.kill('SIGKILL');
    }
  });
});
