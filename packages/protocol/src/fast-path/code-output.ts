import { type CheckNode, type Compiler, compileCheck, gap } from './zod-schema.ts';

/**
 * What both generated engines (the checker, `generate.ts`, and the serializer,
 * `generate-serializer.ts`) build their code with: the functions written so far, the constants
 * passed to them, fresh names, and the statements a schema's check and a gap become, so a rule
 * compiles to the same test in both.
 */
export class CodeOutput {
  readonly functions: string[] = [];
  readonly constants: unknown[] = [];
  private names = 0;
  constructor(readonly compiler: Compiler) {}

  /** A name for `value`, passed to the generated code. */
  constant(value: unknown): string {
    this.constants.push(value);
    return `c${this.constants.length - 1}`;
  }

  name(prefix: string): string {
    this.names += 1;
    return `${prefix}${this.names}`;
  }

  /** Records what the engine cannot follow at `path` and ends the function there with NO. */
  protected gapStatement(body: string[], path: string, feature: string): void {
    gap(this.compiler, path, feature);
    body.push('return NO;');
  }

  /**
   * A check inline where its definition says all (a pattern, a safe integer); else its compiled
   * test. False when the check cannot be compiled (the function then returns NO there).
   */
  protected check(check: CheckNode, value: string, body: string[], path: string): boolean {
    const def = check._zod.def as { check: string; format?: string; pattern?: RegExp; when?: unknown };
    if (def.when === undefined && def.check === 'number_format' && def.format === 'safeint') {
      body.push(`if (!Number.isSafeInteger(${value})) return NO;`);
      return true;
    }
    const pattern = def.pattern;
    if (def.when === undefined && def.check === 'string_format' && def.format === 'regex' && pattern) {
      if (!pattern.global && !pattern.sticky) {
        body.push(`if (!${this.constant(pattern)}.test(${value})) return NO;`);
        return true;
      }
    }
    const test = compileCheck(check, this.compiler, path);
    if (test === undefined) {
      body.push('return NO;');
      return false;
    }
    body.push(`if (!${this.constant(test)}(${value})) return NO;`);
    return true;
  }
}
