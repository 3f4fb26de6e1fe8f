import { describe, expect, test } from 'vitest';
import { SpokeCliError } from '../src/errors.ts';
import { createColours } from '../src/output/colours.ts';
import { formatTable } from '../src/output/format-table.ts';
import { reportError } from '../src/output/report-error.ts';
import { withProgress } from '../src/output/with-progress.ts';
import { memoryIo } from './helpers/memory-io.ts';

const tty = (isTTY: boolean) => {
  let text = '';
  return { sink: { isTTY, write: (chunk: string) => (text += chunk) }, text: () => text };
};

describe('output', () => {
  test('colours only a TTY, and never with NO_COLOR', () => {
    expect(createColours({ stdout: tty(true).sink, env: {} }).red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(createColours({ stdout: tty(false).sink, env: {} }).red('x')).toBe('x');
    expect(createColours({ stdout: tty(true).sink, env: { NO_COLOR: '1' } }).red('x')).toBe('x');
  });

  test('aligns table columns, ignoring colour codes', () => {
    const c = createColours({ stdout: tty(true).sink, env: {} });
    const plain = formatTable(['a', 'bb'], [[c.green('long'), 'x']])
      .replaceAll('\u001b[32m', '')
      .replaceAll('\u001b[39m', '');
    expect(plain).toBe('a     bb\nlong  x\n');
  });

  test('shows nothing for a quick task, a progress line after the delay off a TTY, a spinner on one', async () => {
    const quiet = tty(false);
    await withProgress({ stderr: quiet.sink }, 'quick', async () => 1, { delayMs: 50 });
    expect(quiet.text()).toBe('');
    const slow = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const piped = tty(false);
    await withProgress(
      { stderr: piped.sink },
      'waiting',
      async (p) => {
        await slow(40);
        p.update('still waiting');
      },
      { delayMs: 10 },
    );
    expect(piped.text()).toBe('… waiting\n… still waiting\n');
    const terminal = tty(true);
    await withProgress({ stderr: terminal.sink }, 'spinning', () => slow(60), {
      delayMs: 10,
      intervalMs: 10,
    });
    expect(terminal.text()).toContain('⠋ spinning');
    expect(terminal.text().endsWith('\r\u001b[2K')).toBe(true);
  });

  test('reports a CLI error with its exit code, and as JSON with --json', () => {
    const io = memoryIo();
    const code = reportError(
      io,
      new SpokeCliError('CONFIG_INVALID', 'bad file.', { details: ['cards.0.title: must not be empty'] }),
      true,
    );
    expect(code).toBe(2);
    expect(io.err()).toContain('[spoke] bad file. See docs/errors.md#config-invalid');
    expect(io.err()).toContain('  cards.0.title: must not be empty');
    expect(JSON.parse(io.out())).toMatchObject({
      ok: false,
      error: { code: 'CONFIG_INVALID', details: ['cards.0.title: must not be empty'] },
    });
    expect(reportError(memoryIo(), new Error('boom'))).toBe(1);
  });
});
