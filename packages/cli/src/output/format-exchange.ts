import type { Exchange, ExchangeError, Verdict } from '@spoke/emulator';
import { limits } from '@spoke/protocol';
import type { Colours } from './colours.ts';

function mark(verdict: Verdict, c: Colours): string {
  if (verdict.severity === 'error') return c.red('✗');
  if (verdict.severity === 'warning') return c.yellow('!');
  // A note, not a pass: a requested property the record had no value for.
  if (verdict.code === 'DISPATCH_PROPERTY_NOT_SENT') return c.blue('i');
  return c.green('✓');
}

/** One verdict per line: mark, code, path and message. */
export function formatVerdicts(verdicts: readonly Verdict[], c: Colours): string[] {
  return verdicts.map((v) => `  ${mark(v, c)} ${c.bold(v.code)}${v.path ? ` ${v.path}` : ''}: ${v.message}`);
}

/**
 * What follows the reply line of an error status, as the record page lays it out: what the
 * service said, where a redirect goes, the URL called and the advice. Empty for other errors
 * (their verdict says it all) and for exchanges logged before these fields existed.
 */
export function formatStatusError(error: ExchangeError | null, c: Colours): string[] {
  if (!error || error.status === undefined) return [];
  const said = error.reason === null || error.reason === undefined ? c.dim('(an empty body)') : error.reason;
  const lines = [`  said   ${said}`];
  if (error.location !== undefined) lines.push(`  to     ${error.location}`);
  if (error.url !== undefined) lines.push(`  url    ${error.url}`);
  if (error.hint !== undefined) lines.push(`  hint   ${error.hint}`);
  return lines;
}

/** The request line, the reply line with timing against the 3 s / 5 s deadlines, and every verdict. */
export function formatExchange(exchange: Exchange, c: Colours): string[] {
  const lines = [`${c.bold('→')} ${exchange.request.method} ${exchange.request.url}`];
  // Through a tunnel (the app's publicUrl): delivered to the URL above, signed for this one.
  if (exchange.request.signedUrl !== undefined)
    lines.push(`  ${c.dim(`signed for ${exchange.request.signedUrl}`)}`);
  if (exchange.request.body !== '')
    lines.push(
      `  ${c.dim(`body ${exchange.request.body.length > 200 ? `${exchange.request.body.slice(0, 200)}…` : exchange.request.body}`)}`,
    );
  const { connectMs, totalMs } = exchange.timing;
  const timing = `${connectMs === null ? '' : `connect ${connectMs} ms of ${limits.connectDeadlineMs} ms, `}total ${totalMs} ms of ${limits.totalDeadlineMs} ms`;
  if (exchange.reply) {
    const status = exchange.reply.status;
    const name =
      exchange.error?.status === status && exchange.error.statusText ? ` ${exchange.error.statusText}` : '';
    const shown = status >= 200 && status < 300 ? c.green(String(status)) : c.red(`${status}${name}`);
    lines.push(`${c.bold('←')} ${shown} (${timing})`, ...formatStatusError(exchange.error, c));
  } else {
    lines.push(`${c.bold('←')} ${c.red('no reply')} (${timing})`);
  }
  // The status error's verdict would repeat the block above in one long line.
  const { error } = exchange;
  const verdicts = exchange.verdicts.map((v) =>
    error?.status !== undefined && v.message === error.message
      ? { ...v, message: `${error.status} is outside 200–299, so HubSpot shows the call as failed (above).` }
      : v,
  );
  lines.push(c.bold('verdicts'), ...formatVerdicts(verdicts, c));
  return lines;
}
