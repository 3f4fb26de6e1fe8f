import { CodeOutput } from './code-output.ts';
import {
  acceptsAnything,
  type CheckNode,
  type Compiler,
  checksOf,
  type Def,
  keyRule,
  type Node,
  no,
  optionsByDiscriminator,
  type Step,
} from './zod-schema.ts';

/**
 * The serializer engine: a schema becomes one JavaScript function that writes a value as JSON and
 * judges it in the same pass, so the text it returns is the text it checked. It reads the value
 * as `JSON.stringify` does (each object's own enumerable keys in their order, each property read
 * once, array items by index up to `length`), tests every value it read against the schema's
 * rules (as the generated checker does, `generate.ts`), and writes that same value. It returns
 * exactly `JSON.stringify(value)`, and only when the schema accepts `JSON.parse` of that text;
 * otherwise NO ("not sure"), and the caller serialises, reads back and runs the schema.
 *
 * NO also for what it does not follow: a `toJSON` anywhere, an object whose prototype is neither
 * `Object.prototype` nor null (a class instance, a boxed string), a `JSON.rawJSON` value, a value `JSON.stringify` would
 * drop or turn into `null` inside an array, and schema parts that judge a container as a whole
 * (`.refine` on an object, transforms, pipes; these are gaps, listed by `serializerGaps`).
 * Returns undefined where `new Function` is refused (Workers, strict CSPs).
 */
export function generateSerializer(schema: Node, compiler: Compiler): Step | undefined {
  const out = new SerializerOutput(compiler);
  const root = out.fn(schema, '(root)');
  const source = `${out.functions.join('\n')}\nreturn ${root};`;
  try {
    const factory = new Function(
      'NO',
      'quote',
      'OBJECT',
      'RAW_JSON',
      ...out.constants.map((_value, index) => `c${index}`),
      source,
    );
    const step = factory(no, quote, Object.prototype, isRawJson, ...out.constants) as Step;
    return (value) => (inheritsNothing() ? step(value) : no);
  } catch {
    return undefined;
  }
}

// What `JSON.stringify` escapes in a string: quotes, backslashes, control characters, and any
// surrogate (a lone one is written as `\udxxx`; a pair is left to it as well, rare in replies).
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters JSON escapes
const needsEscape = /[\u0000-\u001f"\\\ud800-\udfff]/;

/** A string as `JSON.stringify` writes it; the usual one without a character to escape is quoted as is. */
export function quote(text: string): string {
  return needsEscape.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/** True while `Object.prototype` has no enumerable key, so `for…in` over a plain object sees its own keys only. */
function inheritsNothing(): boolean {
  for (const _key in Object.prototype) return false;
  return true;
}

// `JSON.rawJSON` (Node 22+, Bun, Deno) makes null-prototype objects that JSON.stringify writes as their raw text.
const isRawJson: (value: unknown) => boolean =
  (JSON as { isRawJSON?: (value: unknown) => boolean }).isRawJSON ?? (() => false);

// Types whose checks judge the value itself, the same before and after a JSON round trip.
const leafTypes = new Set(['string', 'number', 'boolean', 'null', 'literal', 'enum']);

class SerializerOutput extends CodeOutput {
  /** A function `(input) => text | NO` for `node`; returns its name. */
  fn(node: Node, path: string): string {
    const name = this.name('s');
    const body: string[] = [];
    const text = this.node(node, 'input', body, path);
    this.functions.push(`function ${name}(input) {\n${body.join('\n')}\nreturn ${text};\n}`);
    return name;
  }

  /** Statements that test `input` against `node` (`return NO;` on failure); returns the text's expression. */
  node(node: Node, input: string, body: string[], path: string): string {
    const def = node._zod.def;
    if (def.coerce) return this.gap(body, path, `coerced ${def.type}`);
    const checks = checksOf(node);
    if (checks.length === 0) return this.type(node, input, body, path);
    if (def.type === 'array') return this.array(def.element as Node, input, body, path, checks);
    if (!leafTypes.has(def.type)) return this.gap(body, path, `a check on the whole ${def.type}`);
    const text = this.type(node, input, body, path);
    // JSON.parse gives 0 for -0: the checks judge the number that comes back.
    const value = def.type === 'number' ? `(${input} === 0 ? 0 : ${input})` : input;
    for (const check of checks) if (!this.check(check, value, body, path)) break;
    return text;
  }

  private gap(body: string[], path: string, feature: string): string {
    this.gapStatement(body, path, feature);
    return '""';
  }

  private type(node: Node, input: string, body: string[], path: string): string {
    const def = node._zod.def;
    const fail = (condition: string) => body.push(`if (${condition}) return NO;`);
    switch (def.type) {
      case 'string':
        fail(`typeof ${input} !== "string"`);
        return `quote(${input})`;
      case 'number':
        fail(`typeof ${input} !== "number" || !Number.isFinite(${input})`);
        // A finite number's JSON is its `String` (ECMA-262 SerializeJSONProperty).
        return `("" + ${input})`;
      case 'boolean':
        fail(`typeof ${input} !== "boolean"`);
        return `(${input} ? "true" : "false")`;
      case 'null':
        fail(`${input} !== null`);
        return '"null"';
      case 'unknown':
      case 'any':
        return this.anything(input, body);
      case 'literal':
      case 'enum':
        return this.values(node, input, body, path);
      case 'optional':
        return this.optional(node, input, body, path);
      case 'nullable':
        return this.nullable(node, input, body, path);
      case 'array':
        return this.array(def.element as Node, input, body, path, []);
      case 'object':
        return this.object(def, input, body, path);
      case 'union':
        return def.discriminator === undefined
          ? this.union(def, input, body, path)
          : this.discriminated(def, input, body, path);
      case 'never':
        body.push('return NO;');
        return '""';
      default:
        return this.gap(body, path, def.type);
    }
  }

  /** Any value, as `JSON.stringify` writes it; NO for one it would drop or hand to a `toJSON`. */
  private anything(input: string, body: string[]): string {
    const text = this.name('t');
    body.push(
      `if (typeof ${input} === "object" && ${input} !== null && typeof ${input}.toJSON === "function") return NO;`,
      `const ${text} = JSON.stringify(${input});`,
      `if (${text} === undefined) return NO;`,
    );
    return text;
  }

  /** A literal or enum: each allowed value's text, looked up once. */
  private values(node: Node, input: string, body: string[], path: string): string {
    const values = node._zod.values;
    if (values === undefined) return this.gap(body, path, `${node._zod.def.type} without values`);
    const texts = new Map<unknown, string>();
    for (const value of values) {
      const plain =
        typeof value === 'string' ||
        typeof value === 'boolean' ||
        value === null ||
        (typeof value === 'number' && Number.isFinite(value));
      if (!plain) return this.gap(body, path, `${node._zod.def.type} value ${String(value)}`);
      texts.set(value, JSON.stringify(value));
    }
    const text = this.name('t');
    body.push(
      `const ${text} = ${this.constant(texts)}.get(${input});`,
      `if (${text} === undefined) return NO;`,
    );
    return text;
  }

  // An object key holding undefined is left out before its schema is asked, as JSON.stringify
  // leaves it out; anywhere else undefined would be written as null, which the schema never meant.
  private optional(node: Node, input: string, body: string[], path: string): string {
    const inner = node._zod.def.innerType as Node;
    if (node._zod.traits.has('$ZodExactOptional')) return this.gap(body, path, 'exact optional');
    if (inner._zod.optin === 'defaulted') return this.gap(body, path, 'default');
    body.push(`if (${input} === undefined) return NO;`);
    return this.node(inner, input, body, path);
  }

  private nullable(node: Node, input: string, body: string[], path: string): string {
    const text = this.name('w');
    const innerBody: string[] = [];
    const innerText = this.node(node._zod.def.innerType as Node, input, innerBody, path);
    body.push(
      `let ${text} = "null";`,
      `if (${input} !== null) {`,
      ...innerBody,
      `${text} = ${innerText};`,
      '}',
    );
    return text;
  }

  private array(element: Node, input: string, body: string[], path: string, checks: CheckNode[]): string {
    const length = this.name('n');
    const index = this.name('i');
    const item = this.name('e');
    const text = this.name('a');
    body.push(
      `if (!Array.isArray(${input}) || typeof ${input}.toJSON === "function") return NO;`,
      // Read once, as JSON.stringify reads it; the length checks judge the items written.
      `const ${length} = ${input}.length;`,
    );
    for (const check of checks) {
      const bound = lengthBound(check);
      if (bound === undefined) return this.gap(body, path, `a ${check._zod.def.check} check on an array`);
      body.push(`if (!(${length} ${bound})) return NO;`);
    }
    const itemBody: string[] = [];
    const itemText = this.node(element, item, itemBody, `${path}[]`);
    body.push(
      `let ${text} = "[";`,
      `for (let ${index} = 0; ${index} < ${length}; ${index}++) {`,
      `const ${item} = ${input}[${index}];`,
      ...itemBody,
      `${text} += ${index} === 0 ? ${itemText} : "," + ${itemText};`,
      '}',
      `${text} += "]";`,
    );
    return text;
  }

  private object(def: Def, input: string, body: string[], path: string): string {
    const shape = def.shape ?? {};
    if (Object.getOwnPropertySymbols(shape).length > 0) return this.gap(body, path, 'symbol keys');
    const key = this.name('key');
    const item = this.name('v');
    const text = this.name('o');
    const required = this.name('r');
    const prototype = this.name('p');
    const cases: string[] = [];
    let requiredCount = 0;
    for (const name of Object.keys(shape)) {
      // zod never reads a declared `__proto__`; an own `__proto__` key goes to the catch-all below.
      if (name === '__proto__') continue;
      const schema = shape[name] as Node;
      const rule = keyRule(schema, this.compiler, `${path}.${name}`);
      if (rule === undefined) {
        body.push('return NO;');
        return '""';
      }
      if (rule.required) requiredCount += 1;
      const itemBody: string[] = [];
      const itemText = this.node(schema, item, itemBody, `${path}.${name}`);
      cases.push(
        `case ${JSON.stringify(name)}: {`,
        ...itemBody,
        `${text} += (${text}.length === 1 ? ${JSON.stringify(`${JSON.stringify(name)}:`)} : ${JSON.stringify(`,${JSON.stringify(name)}:`)}) + ${itemText};`,
        ...(rule.required ? [`${required}++;`] : []),
        'break;',
        '}',
      );
    }
    const other = this.otherKey(def, key, item, text, path);
    if (other === undefined) {
      body.push('return NO;');
      return '""';
    }
    body.push(
      `if (typeof ${input} !== "object" || ${input} === null || Array.isArray(${input})) return NO;`,
      `const ${prototype} = Object.getPrototypeOf(${input});`,
      `if (${prototype} !== OBJECT && (${prototype} !== null || RAW_JSON(${input}))) return NO;`,
      `if (typeof ${input}.toJSON === "function") return NO;`,
      `let ${text} = "{";`,
      `let ${required} = 0;`,
      // `for…in` visits the own enumerable keys in Object.keys' order without building the array;
      // nothing is inherited from a plain prototype, which `serialize` checks on every call.
      `for (const ${key} in ${input}) {`,
      `const ${item} = ${input}[${key}];`,
      // JSON.stringify leaves out a key whose value is undefined; the schema then sees none.
      `if (${item} === undefined) continue;`,
      `switch (${key}) {`,
      ...cases,
      'default: {',
      ...other,
      '}',
      '}',
      '}',
      `if (${required} !== ${requiredCount}) return NO;`,
      `${text} += "}";`,
    );
    return text;
  }

  /** Statements for a key the shape does not declare, or undefined where a gap was named. */
  private otherKey(def: Def, key: string, item: string, text: string, path: string): string[] | undefined {
    const separator = `(${text}.length === 1 ? "" : ",")`;
    const catchall = def.catchall;
    if (catchall !== undefined && catchall._zod.def.type === 'never') return ['return NO;'];
    const lines = [`if (${key} === "__proto__") return NO;`];
    if (catchall === undefined || acceptsAnything(catchall)) {
      // Not the schema's to judge (a plain object strips it, a loose one keeps it as is): written
      // as JSON.stringify writes it, functions and symbols left out.
      const value = this.name('t');
      lines.push(
        `if (typeof ${item} === "function" || typeof ${item} === "symbol") continue;`,
        `if (typeof ${item} === "object" && ${item} !== null && typeof ${item}.toJSON === "function") return NO;`,
        `const ${value} = JSON.stringify(${item});`,
        `if (${value} === undefined) return NO;`,
        `${text} += ${separator} + quote(${key}) + ":" + ${value};`,
      );
      return lines;
    }
    if (keyRule(catchall, this.compiler, `${path}.*`) === undefined) return undefined;
    const itemBody: string[] = [];
    const itemText = this.node(catchall, item, itemBody, `${path}.*`);
    lines.push(...itemBody, `${text} += ${separator} + quote(${key}) + ":" + ${itemText};`);
    return lines;
  }

  private union(def: Def, input: string, body: string[], path: string): string {
    if (def.inclusive === false) return this.gap(body, path, 'exclusive union');
    const text = this.name('u');
    // zod takes the first option that accepts the value; the text is the same whichever does.
    const options = (def.options ?? []).map((option, index) => this.fn(option, `${path}|${index}`));
    body.push(`let ${text} = NO;`);
    for (const option of options) body.push(`if (${text} === NO) ${text} = ${option}(${input});`);
    body.push(`if (${text} === NO) return NO;`);
    return text;
  }

  private discriminated(def: Def, input: string, body: string[], path: string): string {
    const options = optionsByDiscriminator(def, this.compiler, path);
    if (options === undefined) return this.gap(body, path, 'discriminated union');
    const text = this.name('u');
    const names = new Map<Node, string>();
    const cases: string[] = [];
    for (const [value, option] of options) {
      if (option === null || !(typeof value === 'string' || typeof value === 'boolean' || value === null)) {
        return this.gap(body, path, 'discriminator value');
      }
      const name = names.get(option) ?? this.fn(option, `${path}<${String(value)}>`);
      names.set(option, name);
      cases.push(`case ${JSON.stringify(value)}: ${text} = ${name}(${input}); break;`);
    }
    // The option chosen here checks the discriminator it writes, so a value that reads one way
    // here and another way when written cannot pass as the wrong option.
    body.push(
      `if (typeof ${input} !== "object" || ${input} === null || Array.isArray(${input})) return NO;`,
      `let ${text} = NO;`,
      `switch (${input}[${JSON.stringify(def.discriminator)}]) {`,
      ...cases,
      '}',
      `if (${text} === NO) return NO;`,
    );
    return text;
  }
}

/** A length check on an array as a comparison with its length, or undefined for any other check. */
function lengthBound(check: CheckNode): string | undefined {
  const def = check._zod.def as {
    check: string;
    minimum?: number;
    maximum?: number;
    length?: number;
    when?: unknown;
  };
  if (def.check === 'max_length' && typeof def.maximum === 'number') return `<= ${def.maximum}`;
  if (def.check === 'min_length' && typeof def.minimum === 'number') return `>= ${def.minimum}`;
  if (def.check === 'length_equals' && typeof def.length === 'number') return `=== ${def.length}`;
  return undefined;
}
