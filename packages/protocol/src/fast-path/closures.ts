import {
  acceptsAnything,
  type CheckNode,
  type Compiler,
  checksOf,
  compileCheck,
  compileTransform,
  type Def,
  gap,
  isObject,
  keyRule,
  type Mode,
  modeForChecks,
  type Node,
  no,
  notSure,
  optionsByDiscriminator,
  type Step,
  type Test,
} from './zod-schema.ts';

/** The closure engine: each schema node becomes a closure; for runtimes that refuse `new Function`. */
export function compileNode(node: Node, mode: Mode, compiler: Compiler, path: string): Step {
  const def = node._zod.def;
  const checks = checksOf(node);
  if (def.coerce) return gap(compiler, path, `coerced ${def.type}`);
  if (checks.length === 0) return compileType(node, mode, compiler, path);
  const base = compileType(node, modeForChecks(node, checks, mode), compiler, path);
  return withChecks(base, checks, compiler, path);
}

/** Runs the schema's own checks on the output, in order, as zod does after the type's parse. */
function withChecks(base: Step, checks: readonly CheckNode[], compiler: Compiler, path: string): Step {
  const tests: Test[] = [];
  for (const check of checks) {
    const test = compileCheck(check, compiler, path);
    if (test === undefined) return notSure;
    tests.push(test);
  }
  const [first, second] = tests;
  if (tests.length === 1 && first !== undefined) {
    return (value) => {
      const out = base(value);
      return out !== no && first(out) ? out : no;
    };
  }
  if (tests.length === 2 && first !== undefined && second !== undefined) {
    return (value) => {
      const out = base(value);
      return out !== no && first(out) && second(out) ? out : no;
    };
  }
  return (value) => {
    const out = base(value);
    if (out === no) return no;
    for (const test of tests) if (!test(out)) return no;
    return out;
  };
}

function compileType(node: Node, mode: Mode, compiler: Compiler, path: string): Step {
  const def = node._zod.def;
  switch (def.type) {
    case 'string':
      return (value) => (typeof value === 'string' ? value : no);
    case 'number':
      return (value) => (typeof value === 'number' && Number.isFinite(value) ? value : no);
    case 'boolean':
      return (value) => (typeof value === 'boolean' ? value : no);
    case 'null':
      return (value) => (value === null ? value : no);
    case 'undefined':
      return (value) => (value === undefined ? value : no);
    case 'unknown':
    case 'any':
      return (value) => value;
    case 'never':
      return notSure;
    case 'literal':
    case 'enum': {
      const values = node._zod.values;
      if (values === undefined) return gap(compiler, path, `${def.type} without values`);
      return (value) => (values.has(value) ? value : no);
    }
    case 'optional':
      return compileOptional(node, mode, compiler, path);
    case 'nullable': {
      const inner = compileNode(def.innerType as Node, mode, compiler, path);
      return (value) => (value === null ? null : inner(value));
    }
    case 'array':
      return compileArray(def.element as Node, mode, compiler, path);
    case 'object':
      return compileObject(def, mode, compiler, path);
    case 'union':
      return def.discriminator === undefined
        ? compileUnion(def, mode, compiler, path)
        : compileDiscriminatedUnion(def, mode, compiler, path);
    case 'pipe':
      return compilePipe(def, mode, compiler, path);
    case 'transform':
      return compileTransform(node);
    default:
      return gap(compiler, path, def.type);
  }
}

function compileOptional(node: Node, mode: Mode, compiler: Compiler, path: string): Step {
  const inner = node._zod.def.innerType as Node;
  if (node._zod.traits.has('$ZodExactOptional')) return gap(compiler, path, 'exact optional');
  if (inner._zod.optin === 'defaulted') return gap(compiler, path, 'default');
  const step = compileNode(inner, mode, compiler, path);
  return (value) => (value === undefined ? undefined : step(value));
}

function compileArray(element: Node, mode: Mode, compiler: Compiler, path: string): Step {
  const item = compileNode(element, mode, compiler, `${path}[]`);
  if (mode === 'check') {
    return (value) => {
      if (!Array.isArray(value)) return no;
      for (let index = 0; index < value.length; index++) if (item(value[index]) === no) return no;
      return value;
    };
  }
  return (value) => {
    if (!Array.isArray(value)) return no;
    const out: unknown[] = new Array(value.length);
    for (let index = 0; index < value.length; index++) {
      const parsed = item(value[index]);
      if (parsed === no) return no;
      out[index] = parsed;
    }
    return out;
  };
}

/** One key of an object, with zod's rule for a missing key (`optin`/`optout` of its schema). */
interface Field {
  key: string;
  step: Step;
  /** Absent → rejected (the schema neither accepts nor replaces a missing key). */
  required: boolean;
}

function fieldOf(key: string, schema: Node, mode: Mode, compiler: Compiler, path: string): Field | Step {
  const rule = keyRule(schema, compiler, `${path}.${key}`);
  if (rule === undefined) return notSure;
  return { key, step: compileNode(schema, mode, compiler, `${path}.${key}`), required: rule.required };
}

function compileObject(def: Def, mode: Mode, compiler: Compiler, path: string): Step {
  const shape = def.shape ?? {};
  if (Object.getOwnPropertySymbols(shape).length > 0) return gap(compiler, path, 'symbol keys');
  const keys = Object.keys(shape);
  const fields: Field[] = [];
  for (const key of keys) {
    // zod never reads or writes a declared `__proto__`.
    if (key === '__proto__') continue;
    const field = fieldOf(key, shape[key] as Node, mode, compiler, path);
    if (typeof field === 'function') return field;
    fields.push(field);
  }
  const known = new Set(keys);
  const catchall = def.catchall;
  let rest: Field | 'strict' | 'none' = 'none';
  // A check of a loose object need not visit the keys it lets through.
  if (catchall !== undefined && !(mode === 'check' && acceptsAnything(catchall))) {
    if (catchall._zod.def.type === 'never') rest = 'strict';
    else {
      const field = fieldOf('*', catchall, mode, compiler, path);
      if (typeof field === 'function') return field;
      rest = field;
    }
  }
  const output = mode === 'parse';
  return (value) => {
    if (!isObject(value)) return no;
    const out: Record<string, unknown> | undefined = output ? {} : undefined;
    for (const field of fields) {
      const key = field.key;
      const item = value[key];
      // zod tests `key in value`; a value other than undefined answers it already.
      if (item === undefined && !(key in value)) {
        if (field.required) return no;
        continue;
      }
      const parsed = field.step(item);
      if (parsed === no) return no;
      if (out !== undefined) out[key] = parsed;
    }
    if (rest === 'none') return out ?? value;
    for (const key in value) {
      if (known.has(key)) continue;
      if (rest === 'strict') return no;
      if (key === '__proto__') continue;
      const parsed = rest.step(value[key]);
      if (parsed === no) return no;
      if (out !== undefined) out[key] = parsed;
    }
    return out ?? value;
  };
}

function compileUnion(def: Def, mode: Mode, compiler: Compiler, path: string): Step {
  if (def.inclusive === false) return gap(compiler, path, 'exclusive union');
  const options = (def.options ?? []).map((option, index) =>
    compileNode(option, mode, compiler, `${path}|${index}`),
  );
  // zod takes the first option that accepts the value, and its output.
  return (value) => {
    for (const option of options) {
      const parsed = option(value);
      if (parsed !== no) return parsed;
    }
    return no;
  };
}

function compileDiscriminatedUnion(def: Def, mode: Mode, compiler: Compiler, path: string): Step {
  const discriminator = def.discriminator as string;
  const options = optionsByDiscriminator(def, compiler, path);
  if (options === undefined) return notSure;
  const byValue = new Map<unknown, Step | null>();
  const steps = new Map<Node, Step>();
  for (const [value, option] of options) {
    if (option === null) continue;
    const step = steps.get(option) ?? compileNode(option, mode, compiler, `${path}<${String(value)}>`);
    steps.set(option, step);
    byValue.set(value, step);
  }
  return (value) => {
    if (!isObject(value)) return no;
    const option = byValue.get(value[discriminator]);
    return option ? option(value) : no;
  };
}

function compilePipe(def: Def, mode: Mode, compiler: Compiler, path: string): Step {
  if (def.transform !== undefined) return gap(compiler, path, 'codec');
  const input = compileNode(def.in as Node, 'parse', compiler, path);
  const output = compileNode(def.out as Node, mode, compiler, path);
  return (value) => {
    const parsed = input(value);
    return parsed === no ? no : output(parsed);
  };
}
