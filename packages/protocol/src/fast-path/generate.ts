import { CodeOutput } from './code-output.ts';
import {
  acceptsAnything,
  type Compiler,
  checksOf,
  compileTransform,
  type Def,
  keyRule,
  type Mode,
  modeForChecks,
  type Node,
  no,
  optionsByDiscriminator,
  type Step,
} from './zod-schema.ts';

/**
 * The generated engine: a schema becomes the source of one JavaScript function, built once with
 * `new Function` when the module loads. Each key is read by name (`value["objectId"]`), so V8 keeps
 * one inline cache per read, as in code written by hand; the closure engine's shared reads cannot.
 * Checks run as the closure engine runs them (compiled from their definitions); transforms run
 * through zod. Returns undefined where `new Function` is refused (Workers, strict CSPs).
 */
export function generateStep(schema: Node, mode: Mode, compiler: Compiler): Step | undefined {
  const out = new Output(compiler);
  const root = out.fn(schema, mode, '(root)');
  const source = `${out.functions.join('\n')}\nreturn ${root};`;
  try {
    const factory = new Function('NO', ...out.constants.map((_value, index) => `c${index}`), source);
    return factory(no, ...out.constants) as Step;
  } catch {
    return undefined;
  }
}

class Output extends CodeOutput {
  /** A function `(input) => output | NO` for `node`; returns its name. */
  fn(node: Node, mode: Mode, path: string): string {
    const name = this.name('f');
    const body: string[] = [];
    const result = this.node(node, mode, 'input', body, path);
    this.functions.push(`function ${name}(input) {\n${body.join('\n')}\nreturn ${result};\n}`);
    return name;
  }

  /** Statements that test `input` against `node` (`return NO;` on failure); returns the output's expression. */
  node(node: Node, mode: Mode, input: string, body: string[], path: string): string {
    const def = node._zod.def;
    if (def.coerce) return this.gap(body, path, `coerced ${def.type}`);
    const checks = checksOf(node);
    if (checks.length === 0) return this.type(node, mode, input, body, path);
    const output = this.type(node, modeForChecks(node, checks, mode), input, body, path);
    for (const check of checks) if (!this.check(check, output, body, path)) return output;
    return output;
  }

  /** Where `keyRule` already named the gap. */
  private refuse(body: string[]): string {
    body.push('return NO;');
    return 'undefined';
  }

  private gap(body: string[], path: string, feature: string): string {
    this.gapStatement(body, path, feature);
    return 'undefined';
  }

  private type(node: Node, mode: Mode, input: string, body: string[], path: string): string {
    const def = node._zod.def;
    const fail = (condition: string) => body.push(`if (${condition}) return NO;`);
    switch (def.type) {
      case 'string':
        fail(`typeof ${input} !== "string"`);
        return input;
      case 'number':
        fail(`typeof ${input} !== "number" || !Number.isFinite(${input})`);
        return input;
      case 'boolean':
        fail(`typeof ${input} !== "boolean"`);
        return input;
      case 'null':
        fail(`${input} !== null`);
        return input;
      case 'undefined':
        fail(`${input} !== undefined`);
        return input;
      case 'unknown':
      case 'any':
        return input;
      case 'literal':
      case 'enum':
        return this.values(node, input, body, path);
      case 'optional':
      case 'nullable':
        return this.wrapped(node, mode, input, body, path);
      case 'array':
        return this.array(def.element as Node, mode, input, body, path);
      case 'object':
        return this.object(def, mode, input, body, path);
      case 'union':
        return def.discriminator === undefined
          ? this.union(def, mode, input, body, path)
          : this.discriminated(def, mode, input, body, path);
      case 'pipe': {
        if (def.transform !== undefined) return this.gap(body, path, 'codec');
        const middle = this.node(def.in as Node, 'parse', input, body, path);
        const piped = this.name('p');
        body.push(`const ${piped} = ${middle};`);
        return this.node(def.out as Node, mode, piped, body, path);
      }
      case 'transform': {
        const result = this.name('t');
        body.push(
          `const ${result} = ${this.constant(compileTransform(node))}(${input});`,
          `if (${result} === NO) return NO;`,
        );
        return result;
      }
      case 'never':
        body.push('return NO;');
        return input;
      default:
        return this.gap(body, path, def.type);
    }
  }

  private values(node: Node, input: string, body: string[], path: string): string {
    const values = node._zod.values;
    if (values === undefined) return this.gap(body, path, `${node._zod.def.type} without values`);
    const [only] = values;
    // `===` is the Set's SameValueZero for every value but NaN.
    if (values.size === 1 && (typeof only === 'string' || typeof only === 'boolean')) {
      body.push(`if (${input} !== ${JSON.stringify(only)}) return NO;`);
    } else {
      body.push(`if (!${this.constant(values)}.has(${input})) return NO;`);
    }
    return input;
  }

  private wrapped(node: Node, mode: Mode, input: string, body: string[], path: string): string {
    const def = node._zod.def;
    const inner = def.innerType as Node;
    const optional = def.type === 'optional';
    if (optional && node._zod.traits.has('$ZodExactOptional')) return this.gap(body, path, 'exact optional');
    if (optional && inner._zod.optin === 'defaulted') return this.gap(body, path, 'default');
    const result = this.name('w');
    const innerBody: string[] = [];
    const innerOut = this.node(inner, mode, input, innerBody, path);
    body.push(
      `let ${result} = ${input};`,
      `if (${input} !== ${optional ? 'undefined' : 'null'}) {`,
      ...innerBody,
      `${result} = ${innerOut};`,
      '}',
    );
    return result;
  }

  private array(element: Node, mode: Mode, input: string, body: string[], path: string): string {
    const index = this.name('i');
    const item = this.name('e');
    const result = this.name('a');
    const itemBody: string[] = [];
    const itemOut = this.node(element, mode, item, itemBody, `${path}[]`);
    body.push(`if (!Array.isArray(${input})) return NO;`);
    const parse = mode === 'parse';
    if (parse) body.push(`const ${result} = new Array(${input}.length);`);
    body.push(
      `for (let ${index} = 0; ${index} < ${input}.length; ${index}++) {`,
      `const ${item} = ${input}[${index}];`,
      ...itemBody,
      ...(parse ? [`${result}[${index}] = ${itemOut};`] : []),
      '}',
    );
    return parse ? result : input;
  }

  private object(def: Def, mode: Mode, input: string, body: string[], path: string): string {
    const shape = def.shape ?? {};
    if (Object.getOwnPropertySymbols(shape).length > 0) return this.gap(body, path, 'symbol keys');
    const parse = mode === 'parse';
    const result = this.name('o');
    body.push(`if (typeof ${input} !== "object" || ${input} === null || Array.isArray(${input})) return NO;`);
    if (parse) body.push(`const ${result} = {};`);
    const keys = Object.keys(shape);
    for (const key of keys) {
      // zod never reads or writes a declared `__proto__`.
      if (key === '__proto__') continue;
      const schema = shape[key] as Node;
      const rule = keyRule(schema, this.compiler, `${path}.${key}`);
      if (rule === undefined) return this.refuse(body);
      const literal = JSON.stringify(key);
      const item = this.name('v');
      const itemBody: string[] = [];
      const itemOut = this.node(schema, mode, item, itemBody, `${path}.${key}`);
      // zod tests `key in value`; a value other than undefined answers it already.
      const present = `(${item} !== undefined || ${literal} in ${input})`;
      body.push(`const ${item} = ${input}[${literal}];`);
      if (rule.required) body.push(`if (!${present}) return NO;`, ...itemBody);
      else body.push(`if ${present} {`, ...itemBody);
      if (parse) body.push(`${result}[${literal}] = ${itemOut};`);
      if (!rule.required) body.push('}');
    }
    const catchall = def.catchall;
    if (catchall !== undefined && !(mode === 'check' && acceptsAnything(catchall))) {
      const strict = catchall._zod.def.type === 'never';
      if (!strict && keyRule(catchall, this.compiler, `${path}.*`) === undefined) return this.refuse(body);
      const key = this.name('k');
      const item = this.name('v');
      const known = this.constant(new Set(keys));
      const itemBody: string[] = [];
      const itemOut = strict ? '' : this.node(catchall, mode, item, itemBody, `${path}.*`);
      body.push(
        `for (const ${key} in ${input}) {`,
        `if (${known}.has(${key})) continue;`,
        ...(strict
          ? ['return NO;']
          : [
              `if (${key} === "__proto__") continue;`,
              `const ${item} = ${input}[${key}];`,
              ...itemBody,
              ...(parse ? [`${result}[${key}] = ${itemOut};`] : []),
            ]),
        '}',
      );
    }
    return parse ? result : input;
  }

  private union(def: Def, mode: Mode, input: string, body: string[], path: string): string {
    if (def.inclusive === false) return this.gap(body, path, 'exclusive union');
    const result = this.name('u');
    // zod takes the first option that accepts the value, and its output.
    const options = (def.options ?? []).map((option, index) => this.fn(option, mode, `${path}|${index}`));
    body.push(`let ${result} = NO;`);
    for (const option of options) body.push(`if (${result} === NO) ${result} = ${option}(${input});`);
    body.push(`if (${result} === NO) return NO;`);
    return result;
  }

  private discriminated(def: Def, mode: Mode, input: string, body: string[], path: string): string {
    const options = optionsByDiscriminator(def, this.compiler, path);
    if (options === undefined) return this.gap(body, path, 'discriminated union');
    const result = this.name('u');
    const names = new Map<Node, string>();
    const cases: string[] = [];
    for (const [value, option] of options) {
      // `switch` is `===`: exact for strings, booleans and null; other values go to zod.
      if (option === null || !(typeof value === 'string' || typeof value === 'boolean' || value === null)) {
        return this.gap(body, path, 'discriminator value');
      }
      const name = names.get(option) ?? this.fn(option, mode, `${path}<${String(value)}>`);
      names.set(option, name);
      cases.push(`case ${JSON.stringify(value)}: ${result} = ${name}(${input}); break;`);
    }
    body.push(
      `if (typeof ${input} !== "object" || ${input} === null || Array.isArray(${input})) return NO;`,
      `let ${result} = NO;`,
      `switch (${input}[${JSON.stringify(def.discriminator)}]) {`,
      ...cases,
      '}',
      `if (${result} === NO) return NO;`,
    );
    return result;
  }
}
