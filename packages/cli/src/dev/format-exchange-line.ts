import type { Exchange } from '@spoke/emulator';
import type { Colours } from '../output/colours.ts';

/** One line per exchange for the dev log: time, kind, request, status and time taken, main problem. */
export function formatExchangeLine(exchange: Exchange, c: Colours): string {
  const time = new Date(exchange.startedAt).toISOString().slice(11, 23);
  const status = exchange.reply ? String(exchange.reply.status) : 'no reply';
  const took = `${Math.round(exchange.timing.totalMs)} ms`;
  const head = `${c.dim(time)} ${exchange.kind} ${exchange.request.method} ${exchange.request.url}`;
  if (exchange.outcome === 'ok') return `${head} → ${c.green(status)} in ${took} ${c.green('✓')}`;
  const problem = exchange.error ? `${exchange.error.code}: ${exchange.error.message}` : 'failed';
  return `${head} → ${c.red(status)} in ${took} ${c.red('✗')} ${problem}`;
}
