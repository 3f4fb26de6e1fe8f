import type { z } from 'zod';
import { compileNode } from './closures.ts';
import { generateStep } from './generate.ts';
import { generateSerializer } from './generate-serializer.ts';
import { type Compiler, type Mode, type Node, no, notSure, type Step } from './zod-schema.ts';

/**
 * Fast paths compiled from the zod schemas themselves, so each rule lives in one place: the schema.
 * The compiler walks a schema's definition once and builds code that follows zod's own parse
 * step by step (object keys read and tested as zod reads them, the first union option that fits,
 * the discriminator's lookup), and runs the schema's own checks (`regex`, `max`, `int`, `.refine`,
 * `.check`) and transforms through zod's check and run functions, so a rule added to a schema is
 * enforced here without an edit. Nothing is needed at run time beyond zod.
 *
 * Two engines build the same checker: `generate.ts` writes it as one JavaScript function
 * (`new Function`, once per schema), as fast as the hand-written copies it replaced; where a
 * runtime refuses `new Function` (Workers, strict CSPs), `closures.ts` builds it from closures,
 * slower and as exact. The tests run both against zod.
 *
 * What the schema cannot say without running zod's whole machinery (defaults, catch, codecs,
 * coercion, records, lazy or recursive schemas…) is a gap: a schema with one answers "not sure"
 * for every value and the caller runs the schema, which also words the issues. `fastPathGaps`
 * lists them; the tests keep the framework's schemas free of them.
 */

/** Which engine builds a fast path: `generated` unless the runtime refuses `new Function`. */
export type FastPathEngine = 'generated' | 'closures';

function compile(
  schema: z.ZodType,
  mode: Mode,
  engine: FastPathEngine | undefined,
  compiler: Compiler,
): Step {
  const node = schema as unknown as Node;
  let step: Step | undefined;
  if (engine !== 'closures') step = generateStep(node, mode, compiler);
  if (step === undefined && engine !== 'generated') {
    compiler.gaps.length = 0;
    step = compileNode(node, mode, compiler, '(root)');
  }
  // A gap anywhere leaves the whole value to zod: a union must not settle on a later option when
  // zod might have taken the one the fast path could not follow.
  return step === undefined || compiler.gaps.length > 0 ? notSure : step;
}

/**
 * A validator compiled from `schema`: `true` when the schema accepts `value`. On JSON data (what
 * `JSON.parse` or a query string gives) it answers exactly as `schema.safeParse(value).success`;
 * where the schema has a gap (see `fastPathGaps`) `false` means "not sure", so the caller runs the
 * schema before telling anyone the value is invalid.
 */
export function compileValidator(schema: z.ZodType, engine?: FastPathEngine): (value: unknown) => boolean {
  const step = compile(schema, 'check', engine, { gaps: [] });
  return (value) => step(value) !== no;
}

/**
 * A parser compiled from `schema`: the value `schema.safeParse(value)` would give (transforms run,
 * unknown keys stripped, key order kept), or `undefined` when the schema rejects the value or the
 * fast path is not sure; the caller then runs the schema. For schemas whose output is never
 * `undefined`.
 */
export function compileParser<S extends z.ZodType>(
  schema: S,
  engine?: FastPathEngine,
): (value: unknown) => z.output<S> | undefined {
  const step = compile(schema, 'parse', engine, { gaps: [] });
  return (value) => {
    const out = step(value);
    return out === no ? undefined : (out as z.output<S>);
  };
}

/** The parts of `schema` the fast path leaves to zod, as `path: feature`; empty when it follows all. */
export function fastPathGaps(schema: z.ZodType, engine: FastPathEngine = 'generated'): string[] {
  const compiler: Compiler = { gaps: [] };
  compile(schema, 'parse', engine, compiler);
  compile(schema, 'check', engine, compiler);
  return [...new Set(compiler.gaps)];
}

/**
 * A serializer compiled from `schema`: `JSON.stringify(value)` when the schema accepts the JSON
 * read back from that text, written and judged in one pass (`generate-serializer.ts`), so the text
 * it returns is the text that was checked; `undefined` when the schema rejects it or the
 * serializer is not sure (a `toJSON`, a class instance, a gap in the schema, a runtime that
 * refuses `new Function`, a getter that throws). The caller then serialises, reads the text back
 * and runs the schema, which also words the issues.
 */
export function compileSerializer(schema: z.ZodType): (value: unknown) => string | undefined {
  const compiler: Compiler = { gaps: [] };
  const step = generateSerializer(schema as unknown as Node, compiler);
  if (step === undefined || compiler.gaps.length > 0) return () => undefined;
  return (value) => {
    try {
      const text = step(value);
      return text === no ? undefined : (text as string);
    } catch {
      return undefined;
    }
  };
}

/** The parts of `schema` the serializer leaves to the read-back, as `path: feature`. */
export function serializerGaps(schema: z.ZodType): string[] {
  const compiler: Compiler = { gaps: [] };
  generateSerializer(schema as unknown as Node, compiler);
  return [...new Set(compiler.gaps)];
}
