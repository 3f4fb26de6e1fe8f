/** What the fast-path compilers read of a zod schema, and the checks and transforms they run. */

/** zod's internal view of a schema (`_zod`): its definition, optionality and own run. */
export interface Node {
  _zod: {
    def: Def;
    traits: Set<string>;
    optin?: 'optional' | 'defaulted' | undefined;
    optout?: 'optional' | undefined;
    values?: Set<unknown> | undefined;
    propValues?: Record<string, Set<unknown>> | undefined;
    run(payload: Payload, ctx: { async: boolean }): Payload | Promise<Payload>;
    check?(payload: Payload): unknown;
  };
}

export interface Def {
  type: string;
  checks?: CheckNode[];
  coerce?: boolean;
  shape?: Record<string, Node>;
  catchall?: Node;
  element?: Node;
  options?: Node[];
  discriminator?: string;
  unionFallback?: boolean;
  inclusive?: boolean;
  innerType?: Node;
  in?: Node;
  out?: Node;
  transform?: unknown;
}

export interface CheckNode {
  _zod: {
    def: { check: string; when?: (payload: Payload) => boolean };
    traits?: Set<string>;
    check(payload: Payload): unknown;
  };
}

export interface Payload {
  value: unknown;
  issues: unknown[];
}

/** What a compiled step returns when the schema rejects the value (or the step is not sure). */
export const no: unique symbol = Symbol('spoke.fast-path.no');
export type Step = (value: unknown) => unknown;
export type Mode = 'check' | 'parse';

export interface Compiler {
  /** Where the fast path cannot follow the schema, as `path: feature`. */
  gaps: string[];
}

export const notSure: Step = () => no;

export function gap(compiler: Compiler, path: string, feature: string): Step {
  compiler.gaps.push(`${path}: ${feature}`);
  return notSure;
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// Types whose output is their input, so a check needs no parsed value.
const leafTypes = new Set(['string', 'number', 'boolean', 'null', 'undefined', 'literal', 'enum']);
const lengthChecks = new Set(['min_length', 'max_length', 'length_equals']);

/**
 * The mode a node's type must run in for its checks: they judge the node's output, which a
 * container only has once parsed; a leaf's output is its input, and an array's length checks read
 * only the length, which parsing keeps.
 */
export function modeForChecks(node: Node, checks: readonly CheckNode[], mode: Mode): Mode {
  const type = node._zod.def.type;
  if (leafTypes.has(type)) return mode;
  if (type === 'array' && checks.every((check) => lengthChecks.has(check._zod.def.check))) return mode;
  return 'parse';
}

/** One check, true when it passes. */
export type Test = (value: unknown) => boolean;

/**
 * A check as a test. The usual kinds (a pattern, a length, a bound, an integer format, a
 * `.refine`) are read from their definitions and tested directly, as zod's own check functions
 * test them; any other check runs through its zod check function on a payload. A check that
 * rewrites the value (`.trim()`…) is a gap.
 */
export function compileCheck(check: CheckNode, compiler: Compiler, path: string): Test | undefined {
  const def = check._zod.def;
  const when = def.when;
  const direct = when === undefined || isLengthWhen(def.check) ? directTest(check) : undefined;
  if (direct !== undefined) return direct;
  if (def.check === 'overwrite') {
    gap(compiler, path, 'a check that rewrites the value');
    return undefined;
  }
  let payload: Payload = { value: undefined, issues: [] };
  return (value) => {
    payload.value = value;
    if (when !== undefined && !when(payload)) return true;
    const result = check._zod.check(payload);
    // An async check (a promise) is zod's to run: it throws for a synchronous parse.
    const passed = payload.issues.length === 0 && !(result instanceof Promise);
    if (passed) payload.value = undefined;
    else payload = { value: undefined, issues: [] };
    return passed;
  };
}

// zod runs length checks only on values that have a length: every string and array does.
const isLengthWhen = (kind: string) =>
  kind === 'min_length' || kind === 'max_length' || kind === 'length_equals';

interface CheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  length?: number;
  value?: unknown;
  inclusive?: boolean;
  fn?: (value: unknown) => unknown;
}

function directTest(check: CheckNode): Test | undefined {
  const def = check._zod.def as CheckDef;
  const { minimum, maximum, length, pattern } = def;
  switch (def.check) {
    case 'string_format':
      if (def.format !== 'regex' || pattern === undefined) return undefined;
      if (pattern.global || pattern.sticky) {
        return (value) => {
          pattern.lastIndex = 0;
          return pattern.test(value as string);
        };
      }
      return (value) => pattern.test(value as string);
    case 'number_format':
      if (def.format === 'safeint') return (value) => Number.isSafeInteger(value);
      return undefined;
    case 'greater_than':
    case 'less_than': {
      const bound = def.value;
      if (typeof bound !== 'number') return undefined;
      const above = def.check === 'greater_than';
      if (def.inclusive)
        return above ? (value) => (value as number) >= bound : (value) => (value as number) <= bound;
      return above ? (value) => (value as number) > bound : (value) => (value as number) < bound;
    }
    case 'min_length':
      return minimum === undefined ? undefined : (value) => lengthOf(value, minimum) >= minimum;
    case 'max_length':
      return maximum === undefined ? undefined : (value) => lengthOf(value, maximum) <= maximum;
    case 'length_equals':
      return length === undefined ? undefined : (value) => lengthOf(value, length) === length;
    case 'custom': {
      // `.refine(fn)`: truthy passes; a promise is zod's to run.
      const fn = def.fn;
      if (typeof fn !== 'function' || !check._zod.traits?.has('$ZodCustom')) return undefined;
      return (value) => {
        const result = fn(value);
        return Boolean(result) && !(result instanceof Promise);
      };
    }
    default:
      return undefined;
  }
}

/**
 * The length zod measures: an array's items; a string's code points (zod's unit), counted only
 * when the UTF-16 length alone cannot decide against `limit` (a code point is one or two units).
 */
function lengthOf(value: unknown, limit: number): number {
  const units = (value as { length: number }).length;
  if (typeof value !== 'string' || units < limit || units > limit * 2) return units;
  let points = 0;
  for (let index = 0; index < units; index++) {
    const code = value.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < units) {
      const next = value.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index++;
    }
    points++;
  }
  return points;
}

/** A transform runs as zod runs it (its `ctx.addIssue` included); an issue or a promise is "no". */
export function compileTransform(node: Node): Step {
  const ctx = { async: false };
  return (value) => {
    const result = node._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise || result.issues.length > 0) return no;
    return result.value;
  };
}

/** The checks zod runs on a node's output: the node itself when it is one (`z.email()`…), then its own. */
export function checksOf(node: Node): CheckNode[] {
  const own = node._zod.def.checks ?? [];
  return node._zod.traits.has('$ZodCheck') ? [node as unknown as CheckNode, ...own] : [...own];
}

/**
 * zod's rule for an object key (`optin`/`optout` of its schema): `required` when a missing key is
 * rejected; otherwise a missing key adds nothing to the output. Defaults are gaps.
 */
export function keyRule(schema: Node, compiler: Compiler, path: string): { required: boolean } | undefined {
  const { optin, optout } = schema._zod;
  if (optin === 'defaulted') return void gap(compiler, path, 'default');
  if (optin !== undefined && optout !== 'optional') return void gap(compiler, path, 'optional in only');
  return { required: optin === undefined };
}

/** The option of a discriminated union each discriminator value selects (null: two options claim it). */
export function optionsByDiscriminator(
  def: Def,
  compiler: Compiler,
  path: string,
): Map<unknown, Node | null> | undefined {
  const discriminator = def.discriminator as string;
  if (def.unionFallback) return void gap(compiler, path, 'union fallback');
  const byValue = new Map<unknown, Node | null>();
  for (const option of def.options ?? []) {
    const values = option._zod.propValues?.[discriminator];
    if (values === undefined || values.size === 0)
      return void gap(compiler, path, 'option without discriminator');
    for (const value of values) {
      if (byValue.has(value) && value !== undefined)
        return void gap(compiler, path, 'duplicate discriminator');
      // Two options that may omit the key: zod matches neither by it.
      byValue.set(value, byValue.has(value) ? null : option);
    }
  }
  return byValue;
}

/** `z.unknown()` or `z.any()` without checks: every value passes (a loose object's other keys). */
export function acceptsAnything(node: Node): boolean {
  const type = node._zod.def.type;
  return (type === 'unknown' || type === 'any') && checksOf(node).length === 0;
}
