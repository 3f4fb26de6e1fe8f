import { z } from 'zod';
import { SpokeProtocolError } from './errors.ts';
import { messageDescriptors } from './messages/descriptors.ts';

/** Names of every exported JSON Schema: `<kind>.request` and `<kind>.response`. */
export function jsonSchemaNames(): string[] {
  const names: string[] = [];
  for (const descriptor of messageDescriptors) {
    if (descriptor.request) names.push(`${descriptor.kind}.request`);
    if (descriptor.response) names.push(`${descriptor.kind}.response`);
  }
  return names;
}

/**
 * JSON Schema (draft 2020-12) of one message, by kind (`crm-card.fetch` gives both sides
 * under `request`/`response`) or by side (`crm-card.fetch.response`).
 * @example jsonSchemaFor('share-via.fetch-recipients.response')
 */
export function jsonSchemaFor(name: string): Record<string, unknown> {
  const side = name.endsWith('.request') ? 'request' : name.endsWith('.response') ? 'response' : null;
  const kind = side ? name.slice(0, -(side.length + 1)) : name;
  const descriptor = messageDescriptors.find((d) => d.kind === kind);
  if (!descriptor) {
    throw new SpokeProtocolError(
      'MESSAGE_KIND_UNKNOWN',
      `no message kind "${kind}"; known kinds: ${messageDescriptors.map((d) => d.kind).join(', ')}.`,
    );
  }
  const convert = (schema: z.ZodType | null, which: string) =>
    schema
      ? {
          ...z.toJSONSchema(schema, {
            target: 'draft-2020-12',
            io: which === 'request' ? 'input' : 'output',
            unrepresentable: 'any',
          }),
          title: `${kind}.${which}`,
        }
      : null;
  if (side) {
    const schema = convert(descriptor[side], side);
    if (!schema) {
      throw new SpokeProtocolError('MESSAGE_KIND_UNKNOWN', `message kind "${kind}" has no ${side} body.`);
    }
    return schema;
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: kind,
    method: descriptor.methods,
    path: descriptor.path,
    request: convert(descriptor.request, 'request'),
    response: convert(descriptor.response, 'response'),
  };
}
