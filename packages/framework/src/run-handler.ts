import type { SignatureVersion, V3UrlMatch } from '@spoke/protocol';
import type { PreparedCall, Route } from './define-route.ts';
import type { HandlerContext } from './handler-types.ts';
import type { IncomingCall } from './incoming-call.ts';
import { childLogger, type Logger } from './logger.ts';
import type { ResolvedConfig } from './resolve-config.ts';

/** A handler's result: its value, or what it threw (already reported to `onError`). */
export type HandlerOutcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: unknown };

/** What `runHandler` needs to know about the request. */
export interface HandlerRun {
  readonly call: IncomingCall;
  /** The raw body as read (what `ctx.request` carries when a handler asks for it). */
  readonly body: Uint8Array;
  readonly route: Route;
  readonly prepared: Extract<PreparedCall, { ok: true }>;
  readonly signatureVersion: SignatureVersion;
  /** For v3, which URL form the signature covered; `null` for v1 and v2. docs/decisions/0011 */
  readonly v3UrlForm: V3UrlMatch | null;
  /** Epoch ms at which the request arrived. */
  readonly start: number;
}

/**
 * A handler's `ctx`. `request`, `signal` and `log` are built on first read: a fetch `Request`, an
 * AbortController with `AbortSignal.any` and a timer, and a child logger are among the costliest
 * steps of a request (bench/RESULTS.md), and most handlers never touch them. Getters on a class,
 * so no closure is created per request.
 */
class CallContext implements HandlerContext {
  readonly deadline: number;
  readonly signatureVersion: SignatureVersion;
  readonly v3UrlForm: V3UrlMatch | null;
  readonly #config: ResolvedConfig;
  readonly #run: HandlerRun;
  #request: Request | undefined;
  #signal: AbortSignal | undefined;
  #log: Logger | undefined;
  #cancelTimer: (() => void) | undefined;

  constructor(config: ResolvedConfig, run: HandlerRun) {
    this.#config = config;
    this.#run = run;
    this.deadline = run.start + run.route.deadlineMs;
    this.signatureVersion = run.signatureVersion;
    this.v3UrlForm = run.v3UrlForm;
  }

  get request(): Request {
    this.#request ??= this.#run.call.toRequest(this.#run.body);
    return this.#request;
  }

  get signal(): AbortSignal {
    this.#signal ??= this.#deadlineSignal();
    return this.#signal;
  }

  get log(): Logger {
    const { path, kind } = this.#run.route.info;
    this.#log ??= childLogger(this.#config.logger, { route: path, kind });
    return this.#log;
  }

  /** Stops the deadline timer, if `signal` started one. */
  dispose(): void {
    this.#cancelTimer?.();
  }

  #deadlineSignal(): AbortSignal {
    const { clock } = this.#config;
    const { deadlineMs } = this.#run.route;
    const controller = new AbortController();
    const abort = () =>
      controller.abort(new DOMException(`HubSpot's ${deadlineMs} ms deadline passed`, 'TimeoutError'));
    const left = this.deadline - clock.now();
    if (left <= 0) abort();
    else this.#cancelTimer = clock.setTimeout(abort, left);
    return AbortSignal.any([this.#run.call.clientSignal(), controller.signal]);
  }
}

/**
 * Runs a handler under HubSpot's deadline: `ctx.signal` aborts at `ctx.deadline`, a handler that
 * finishes late is logged with its elapsed time, and an exception goes to `onError`.
 */
export async function runHandler(config: ResolvedConfig, run: HandlerRun): Promise<HandlerOutcome> {
  const ctx = new CallContext(config, run);
  try {
    return { ok: true, value: await run.prepared.run(ctx) };
  } catch (error) {
    await report(config, error, ctx, run.route);
    return { ok: false, error };
  } finally {
    ctx.dispose();
    warnIfLate(config, run, config.clock.now() - run.start);
  }
}

async function report(config: ResolvedConfig, error: unknown, ctx: CallContext, route: Route): Promise<void> {
  try {
    await config.onError(error, { request: ctx.request, route: route.info });
  } catch (failure) {
    config.logger.error('[spoke] onError threw while reporting a handler error', { error, failure });
  }
}

// HubSpot has already shown an error by now; docs/protocol.md §2.2 (5 s for the whole response).
function warnIfLate(config: ResolvedConfig, run: HandlerRun, elapsedMs: number): void {
  const { route } = run;
  if (elapsedMs <= route.deadlineMs) return;
  const { kind, path } = route.info;
  config.logger.warn(
    `[spoke] the ${kind} handler for ${run.call.method.toUpperCase()} ${path} took ${elapsedMs} ms, past HubSpot's ${route.deadlineMs} ms budget: the platform has given up and shows an error. Answer sooner (use ctx.signal / ctx.deadline) and move slow work out of the request.`,
    { route: path, kind, elapsedMs, budgetMs: route.deadlineMs },
  );
}
