import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { jsonSchemaFor, jsonSchemaNames, messageDescriptors } from '@spoke/protocol';
import { configJsonSchema } from '../config/config-json-schema.ts';
import { type ExitCode, SpokeCliError } from '../errors.ts';
import type { CliIo } from '../output/cli-io.ts';
import { writeJson } from '../output/write-json.ts';

/** Options of `spoke schema`, as commander parses them. */
export interface SchemaCommandOptions {
  out?: string;
  list?: boolean;
  json?: boolean;
}

/** Every name `spoke schema` accepts as a whole document: the message kinds and `config`. */
export function schemaKinds(): string[] {
  return [...messageDescriptors.map((descriptor) => descriptor.kind), 'config'];
}

function schemaOf(name: string): Record<string, unknown> {
  return name === 'config' ? configJsonSchema() : jsonSchemaFor(name);
}

/** Prints or writes the JSON Schema of one message kind (or side, or `config`), or of all of them. */
export async function runSchema(
  kind: string | undefined,
  options: SchemaCommandOptions,
  io: CliIo,
): Promise<ExitCode> {
  if (options.list) {
    if (options.json) writeJson(io, schemaKinds());
    else io.stdout.write(`${schemaKinds().join('\n')}\n`);
    return 0;
  }
  if (kind !== undefined && !schemaKinds().includes(kind) && !jsonSchemaNames().includes(kind)) {
    throw new SpokeCliError(
      'CLI_OPTION_INVALID',
      `no schema named ${JSON.stringify(kind)}; use a kind (${schemaKinds().join(', ')}) or <kind>.request / <kind>.response. \`spoke schema --list\` lists them.`,
    );
  }
  const names = kind === undefined ? schemaKinds() : [kind];
  const schemas = names.map((name) => ({ name, schema: schemaOf(name) }));
  if (options.out === undefined) {
    writeJson(
      io,
      kind === undefined ? Object.fromEntries(schemas.map((s) => [s.name, s.schema])) : schemas[0]?.schema,
    );
    return 0;
  }
  const dir = resolve(io.cwd, options.out);
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (const { name, schema } of schemas) {
    const file = join(dir, `${name}.schema.json`);
    await writeFile(file, `${JSON.stringify(schema, null, 2)}\n`);
    files.push(file);
  }
  if (options.json) writeJson(io, { ok: true, files });
  else io.stdout.write(`wrote ${files.length} schema file${files.length === 1 ? '' : 's'} to ${dir}\n`);
  return 0;
}
