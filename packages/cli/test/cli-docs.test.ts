import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmulator, type Emulator } from '@spoke/emulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type BareService, brokenCardService, conformingService } from './helpers/bare-services.ts';
import { runProcess, spokeOnPath } from './helpers/run-spoke.ts';

/** One `$ command` of a `sh` block, what it must print and its exit code. */
interface Example {
  command: string;
  expected: string[];
  exit: number;
  /** Which `sh` block it is in: a block runs in order, blocks run side by side. */
  block: number;
}

const doc = readFileSync(new URL('../../../docs/cli.md', import.meta.url), 'utf8');

/** Reads the `sh` blocks (run, in order) and the `<!-- file: name -->` blocks (written first). */
function parseDoc(text: string): { examples: Example[]; files: { name: string; content: string }[] } {
  const examples: Example[] = [];
  const files: { name: string; content: string }[] = [];
  const lines = text.split('\n');
  let block = 0;
  for (let i = 0; i < lines.length; i++) {
    const file = lines[i]?.match(/^<!-- file: (\S+) -->$/)?.[1];
    const fence = lines[i]?.match(/^```(\w+)$/)?.[1];
    if (!file && !fence) continue;
    const start = file ? i + 2 : i + 1;
    let end = start;
    while (end < lines.length && lines[end] !== '```') end++;
    const body = lines.slice(start, end);
    if (file) files.push({ name: file, content: `${body.join('\n')}\n` });
    else if (fence === 'sh') {
      block += 1;
      for (const line of body) {
        if (line.startsWith('$ ')) examples.push({ command: line.slice(2), expected: [], exit: 0, block });
        else {
          const current = examples.at(-1);
          const exit = line.match(/^# exit (\d)$/)?.[1];
          if (current && exit) current.exit = Number(exit);
          else if (current && line.trim() !== '' && line.trim() !== '…') current.expected.push(line);
        }
      }
    }
    i = end;
  }
  return { examples, files };
}

function linePattern(expected: string): RegExp {
  const literal = (part: string) =>
    part
      .trim()
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\s+/g, '\\s+');
  return new RegExp(expected.split('…').map(literal).join('.*'));
}

const secret = 'docs-client-secret';
let emulator: Emulator;
let service: BareService;
let broken: BareService;
let cwd: string;
let path: string;
let ports: Record<string, string>;

beforeAll(async () => {
  emulator = await createEmulator({ seed: { clientSecret: secret } });
  const { port } = await emulator.listen(0);
  service = await conformingService(secret);
  broken = await brokenCardService(0);
  ports = {
    '127.0.0.1:3400': `127.0.0.1:${port}`,
    '127.0.0.1:3500': service.origin.replace('http://', ''),
    '127.0.0.1:3501': broken.origin.replace('http://', ''),
  };
  cwd = await mkdtemp(join(tmpdir(), 'spoke-docs-'));
  path = await spokeOnPath();
  for (const file of parseDoc(doc).files) await writeFile(join(cwd, file.name), substitute(file.content));
});
afterAll(async () => {
  await emulator.close();
  await service.close();
  await broken.close();
});

function substitute(text: string): string {
  return Object.entries(ports).reduce((out, [from, to]) => out.replaceAll(from, to), text);
}

describe('docs/cli.md', () => {
  const { examples, files } = parseDoc(doc);

  test('has examples for every command and a config file', () => {
    for (const command of [
      'sign',
      'verify',
      'schema',
      'push',
      'pull',
      'trigger card',
      'trigger action',
      'trigger share-via',
      'trigger channel-connection',
      'check',
      'install',
      'uninstall',
    ]) {
      expect(
        examples.some((e) => e.command.startsWith(`spoke ${command} `)),
        command,
      ).toBe(true);
    }
    expect(files.map((f) => f.name)).toEqual(['spoke.config.json']);
  });

  async function run(example: Example): Promise<void> {
    const result = await runProcess('bash', ['-c', substitute(example.command)], {
      cwd,
      env: { PATH: `${path}:${process.env.PATH ?? ''}`, CLIENT_SECRET: secret },
    });
    const context = `${example.command}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
    expect(result.code, context).toBe(example.exit);
    const out = result.stdout.split('\n');
    let from = 0;
    for (const line of example.expected) {
      const pattern = linePattern(substitute(line));
      const at = out.findIndex((candidate, index) => index >= from && pattern.test(candidate));
      expect(at, `expected a line like ${JSON.stringify(line)} in order\n${context}`).toBeGreaterThanOrEqual(
        0,
      );
      from = at + 1;
    }
  }

  // A block runs in order; blocks that use the emulator build on each other (push before
  // trigger --emulator), so they form one chain; the other blocks run beside it (two cores).
  test('every sh example prints what the page shows and exits as it says', { timeout: 120_000 }, async () => {
    const blocks = [...new Set(examples.map((e) => e.block))].map((b) =>
      examples.filter((e) => e.block === b),
    );
    const usesEmulator = (block: Example[]) => block.some((e) => e.command.includes('127.0.0.1:3400'));
    const chain = async (list: Example[][]) => {
      for (const block of list) for (const example of block) await run(example);
    };
    await Promise.all([chain(blocks.filter(usesEmulator)), chain(blocks.filter((b) => !usesEmulator(b)))]);
  });
});
