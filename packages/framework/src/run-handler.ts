import type { SignatureVersion } from '@spoke/protocol';
import type { PreparedCall, Route } from './define-route.ts';
import type { HandlerContext } from './handler-types.ts';
import { childLogger } from './logger.ts';
import type { ResolvedConfig } from './resolve-config.ts';

/** A handler's result: its value, or what it threw (already reported to `onError`). */
export type HandlerOutcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: unknown };

/** What `runHandler` needs to know about the request. */
export interface HandlerRun {
  readonly request: Request;
  readonly route: Route;
  readonly call: Extract<PreparedCall, { ok: true }>;
  readonly signatureVersion: SignatureVersion;
  /** Epoch ms at which the request arrived. */
  readonly start: number;
}

/**
 * Runs a handler under HubSpot's deadline: `ctx.signal` aborts at `ctx.deadline`, a handler that
 * finishes late is logged with its elapsed time, and an exception goes to `onError`.
 */
export async function runHandler(config: ResolvedConfig, run: HandlerRun): Promise<HandlerOutcome> {
  const { request, route, start } = run;
  const { clock } = config;
  const deadline = start + route.deadlineMs;
  // The signal (an AbortController, AbortSignal.any and a timer) is built only when a handler reads
  // ctx.signal: creating abort signals is one of the costliest steps of a request (bench/RESULTS.md).
  let signal: AbortSignal | undefined;
  let cancel = () => {};
  const deadlineSignal = (): AbortSignal => {
    const controller = new AbortController();
    const abort = () =>
      controller.abort(new DOMException(`HubSpot's ${route.deadlineMs} ms deadline passed`, 'TimeoutError'));
    const left = deadline - clock.now();
    if (left <= 0) abort();
    else cancel = clock.setTimeout(abort, left);
    return AbortSignal.any([request.signal, controller.signal]);
  };
  const log = childLogger(config.logger, { route: route.info.path, kind: route.info.kind });
  const ctx: HandlerContext = {
    request,
    deadline,
    get signal() {
      signal ??= deadlineSignal();
      return signal;
    },
    signatureVersion: run.signatureVersion,
    log,
  };
  try {
    return { ok: true, value: await run.call.run(ctx) };
  } catch (error) {
    await report(config, error, request, route);
    return { ok: false, error };
  } finally {
    cancel();
    warnIfLate(config, route, request, clock.now() - start);
  }
}

async function report(config: ResolvedConfig, error: unknown, request: Request, route: Route): Promise<void> {
  try {
    await config.onError(error, { request, route: route.info });
  } catch (failure) {
    config.logger.error('[spoke] onError threw while reporting a handler error', { error, failure });
  }
}

// HubSpot has already shown an error by now; SPEC.md §2.2 (5 s for the whole response).
function warnIfLate(config: ResolvedConfig, route: Route, request: Request, elapsedMs: number): void {
  if (elapsedMs <= route.deadlineMs) return;
  const { kind, path } = route.info;
  config.logger.warn(
    `[spoke] the ${kind} handler for ${request.method.toUpperCase()} ${path} took ${elapsedMs} ms, past HubSpot's ${route.deadlineMs} ms budget: the platform has given up and shows an error. Answer sooner (use ctx.signal / ctx.deadline) and move slow work out of the request.`,
    { route: path, kind, elapsedMs, budgetMs: route.deadlineMs },
  );
}
