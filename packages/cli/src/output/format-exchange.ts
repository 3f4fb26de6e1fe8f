import type { Exchange, Verdict } from '@spoke/emulator';
import { limits } from '@spoke/protocol';
import type { Colours } from './colours.ts';

function mark(verdict: Verdict, c: Colours): string {
  if (verdict.severity === 'error') return c.red('✗');
  if (verdict.severity === 'warning') return c.yellow('!');
  return c.green('✓');
}

/** One verdict per line: mark, code, path and message. */
export function formatVerdicts(verdicts: readonly Verdict[], c: Colours): string[] {
  return verdicts.map((v) => `  ${mark(v, c)} ${c.bold(v.code)}${v.path ? ` ${v.path}` : ''}: ${v.message}`);
}

/** The request line, the reply line with timing against the 3 s / 5 s deadlines, and every verdict. */
export function formatExchange(exchange: Exchange, c: Colours): string[] {
  const lines = [`${c.bold('→')} ${exchange.request.method} ${exchange.request.url}`];
  if (exchange.request.body !== '')
    lines.push(
      `  ${c.dim(`body ${exchange.request.body.length > 200 ? `${exchange.request.body.slice(0, 200)}…` : exchange.request.body}`)}`,
    );
  const { connectMs, totalMs } = exchange.timing;
  const timing = `${connectMs === null ? '' : `connect ${connectMs} ms of ${limits.connectDeadlineMs} ms, `}total ${totalMs} ms of ${limits.totalDeadlineMs} ms`;
  if (exchange.reply) {
    const status = exchange.reply.status;
    const shown = status >= 200 && status < 300 ? c.green(String(status)) : c.red(String(status));
    lines.push(`${c.bold('←')} ${shown} (${timing})`);
  } else {
    lines.push(`${c.bold('←')} ${c.red('no reply')} (${timing})`);
  }
  lines.push(c.bold('verdicts'), ...formatVerdicts(exchange.verdicts, c));
  return lines;
}
