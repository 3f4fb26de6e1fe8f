import { type PlatformCallKind, type SchemaIssue, schemaIssues } from '@spoke/protocol';
import { SpokeFrameworkError } from './errors.ts';
import type { Awaitable, HandlerContext } from './handler-types.ts';
import type { InputSource } from './read-input.ts';
import type { RouteInfo } from './spoke-app.ts';

/** The zod error a protocol schema reports, named without importing zod (not a dependency here). */
type SchemaError = Parameters<typeof schemaIssues>[0];

/** What the framework needs of a protocol schema: `safeParse`, typed by its output. */
export interface Schema<T> {
  safeParse(
    value: unknown,
  ): { success: true; data: T; error?: undefined } | { success: false; error: SchemaError; data?: undefined };
}

/** One message kind as the framework serves it: data, no behaviour beyond the envelope. */
export interface RouteSpec<T, O> {
  readonly kind: PlatformCallKind;
  readonly methods: readonly string[];
  readonly input: InputSource;
  /** Parses the raw input into what the handler receives. */
  readonly request: Schema<T>;
  /** The full reply as it goes on the wire. */
  readonly reply: Schema<unknown>;
  /**
   * A fast check that answers `true` only for replies `reply` surely accepts (never more lenient);
   * `false` means "run the schema". Spares the common valid reply the full schema walk.
   */
  readonly replyIsSurelyValid?: (reply: unknown) => boolean;
  /**
   * The reply as JSON when `reply` surely accepts it, written and judged in one pass (so the text
   * is the text checked); `undefined` means "serialise, read back and run the schema".
   */
  readonly serializeReply?: (reply: unknown) => string | undefined;
  /** HubSpot's budget for the whole response, ms. */
  readonly deadlineMs: number;
  /** Builds the wire reply from the handler's output (Share Via adds its envelope). @default the output as is */
  readonly wrap?: (output: O, input: T) => unknown;
}

/** A handler for a spec: typed input in, typed output (or a `Response`) out. */
export type RouteHandler<T, O> = (input: T, ctx: HandlerContext) => Awaitable<O | Response>;

/** The outcome of parsing a request's input: a ready-to-run call, or the schema's complaints. */
export type PreparedCall =
  | { readonly ok: true; run(ctx: HandlerContext): Promise<unknown> }
  | { readonly ok: false; readonly issues: SchemaIssue[] };

/** A registered route with its types erased: what the request pipeline works with. */
export interface Route {
  readonly info: RouteInfo;
  readonly input: InputSource;
  readonly reply: Schema<unknown>;
  readonly replyIsSurelyValid?: ((reply: unknown) => boolean) | undefined;
  readonly serializeReply?: ((reply: unknown) => string | undefined) | undefined;
  readonly deadlineMs: number;
  prepare(raw: unknown): PreparedCall;
}

/** Binds a handler to a spec and a path; the types line up here so the pipeline needs no casts. */
export function defineRoute<T, O>(
  spec: RouteSpec<T, O>,
  path: string,
  handler: RouteHandler<T, O>,
  methods: readonly string[] = spec.methods,
): Route {
  if (typeof handler !== 'function') {
    throw new SpokeFrameworkError(
      'APP_CONFIG_INVALID',
      `the ${spec.kind} handler for ${path} must be a function.`,
    );
  }
  const unknown = methods.filter((method) => !spec.methods.includes(method));
  if (methods.length === 0 || unknown.length > 0) {
    throw new SpokeFrameworkError(
      'APP_CONFIG_INVALID',
      `the ${spec.kind} handler for ${path} must answer some of ${spec.methods.join(', ')}; got [${methods.join(', ')}].`,
    );
  }
  return {
    info: { path, methods: [...methods], kind: spec.kind },
    input: spec.input,
    reply: spec.reply,
    replyIsSurelyValid: spec.replyIsSurelyValid,
    serializeReply: spec.serializeReply,
    deadlineMs: spec.deadlineMs,
    prepare(raw) {
      const parsed = spec.request.safeParse(raw);
      if (!parsed.success) return { ok: false, issues: schemaIssues(parsed.error) };
      const input = parsed.data;
      return {
        ok: true,
        async run(ctx) {
          const output = await handler(input, ctx);
          if (output instanceof Response) return output;
          return spec.wrap ? spec.wrap(output, input) : output;
        },
      };
    },
  };
}
