// Cases whose point is the body: its syntax, depth, size, types, length, pace and content type.
import { cardFetchQuerySchema } from '@spoke/protocol';
import { hardeningBodyLimit, routes } from './app.ts';
import {
  accepted,
  bodySpecs,
  dotted,
  type Expectation,
  fieldsVerdict,
  form,
  type HeaderEdit,
  type HostileCase,
  invalid,
  json,
  jsonVerdict,
  malformed,
  type prng,
  refused,
  schemaOf,
  valueAt,
} from './corpus-model.ts';
import { defaultFields, jsonKinds, queryOf, sharePath } from './requests.ts';
import { missing, schemaFields, withField } from './schema-fields.ts';

const malformedBodies: readonly (string | Uint8Array)[] = [
  '',
  ' ',
  '{',
  '}',
  '{"appId":20,',
  '{"appId":20,}',
  "{'appId':20}",
  '{"appId":NaN}',
  '{"appId":Infinity}',
  '{"appId":0x14}',
  '{"appId":20 /* c */}',
  '{"a":"\\u12"}',
  '{"a":"\u0001"}',
  '{"a":1}{"b":2}',
  'undefined',
  'null',
  '[]',
  '"text"',
  '42',
  'true',
  '\uFEFF{"appId":20,"portalId":10,"userId":5}',
  new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
  new Uint8Array([0xc3, 0x28]),
  new Uint8Array([0x7b, 0x7d, 0xed, 0xa0, 0x80]),
  '{"appId":20,"portalId":10,"userId":5,"appId":"x"}',
];

export function malformedJsonCases(random: ReturnType<typeof prng>): Omit<HostileCase, 'id'>[] {
  const cases: Omit<HostileCase, 'id'>[] = [];
  for (const kind of jsonKinds) {
    malformedBodies.forEach((body, index) => {
      cases.push({
        kind: 'malformed-json',
        variant: `${kind.name}: fixed body #${index}`,
        spec: { method: 'POST', target: kind.path, body, contentType: json },
        expect: jsonVerdict(kind, body),
      });
    });
    // Valid bodies cut at seeded positions: a truncated upload that was signed as sent.
    const whole = JSON.stringify(kind.sample);
    for (let i = 0; i < 6; i += 1) {
      const body = whole.slice(0, 1 + random.int(whole.length - 2));
      cases.push({
        kind: 'malformed-json',
        variant: `${kind.name}: cut at ${body.length}`,
        spec: { method: 'POST', target: kind.path, body, contentType: json },
        expect: jsonVerdict(kind, body),
      });
    }
  }
  // An action hook told its body is JSON parses it as JSON.
  for (const body of ['{"userId":', '[1,2]', '"x"']) {
    cases.push({
      kind: 'malformed-json',
      variant: `action-hook PATCH JSON body ${body}`,
      spec: { method: 'PATCH', target: `${routes.hook}?${queryOf(defaultFields)}`, body, contentType: json },
      expect: body.startsWith('{') ? malformed : invalid,
    });
  }
  return cases;
}

export function deepJsonCases(): Omit<HostileCase, 'id'>[] {
  const nested = (depth: number, open: string, close: string) =>
    `${open.repeat(depth)}${close.repeat(depth)}`;
  const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  const cases: Omit<HostileCase, 'id'>[] = [];
  for (const kind of jsonKinds) {
    const firstField = Object.keys(kind.sample)[0] ?? 'appId';
    // 50k deep only once: the parser's cost grows with depth, and one kind shows the behaviour.
    const depths = kind.path === routes.calls ? [1_000, 10_000, 50_000] : [1_000, 10_000];
    for (const depth of depths) {
      const bodies: [string, string][] = [
        ['whole body arrays', nested(depth, '[', ']')],
        ['whole body objects', deepObject(depth)],
        [
          'in a known field',
          JSON.stringify(kind.sample).replace(/}$/, `,"${firstField}":${nested(depth, '[', ']')}}`),
        ],
        [
          'in an unknown field',
          JSON.stringify(kind.sample).replace(/}$/, `,"extra":${nested(depth, '[', ']')}}`),
        ],
        ['unclosed', '['.repeat(depth)],
      ];
      for (const [where, body] of bodies) {
        cases.push({
          kind: 'deep-json',
          variant: `${kind.name}: ${depth} deep, ${where}`,
          spec: { method: 'POST', target: kind.path, body, contentType: json },
          expect: jsonVerdict(kind, body),
        });
      }
    }
  }
  return cases;
}

const hugeNumbers = [
  '1e400',
  '1e-400',
  '9007199254740993',
  '123456789012345678901234567890',
  '-0',
  `1${'0'.repeat(5000)}`,
];

export function hugeValueCases(): Omit<HostileCase, 'id'>[] {
  const cases: Omit<HostileCase, 'id'>[] = [];
  const big = 'x'.repeat(200 * 1024);
  for (const kind of jsonKinds) {
    const leaves = schemaFields(schemaOf(kind)).filter((path) => path.length > 0);
    for (const path of leaves) {
      // Splice the literal text in, so numbers JSON.stringify would rewrite reach the server as written.
      const marker = '"__HUGE__"';
      const template = JSON.stringify(withField(kind.sample, path, '__HUGE__'));
      if (!template.includes(marker)) continue;
      const sampleValue = valueAt(kind.sample, path);
      // Huge numbers where the sample has a number, huge strings where it has a string.
      for (const number of typeof sampleValue === 'number' ? hugeNumbers : []) {
        const body = template.replace(marker, number);
        cases.push({
          kind: 'huge-values',
          variant: `${kind.name}: ${dotted(path)} = ${number.slice(0, 24)}`,
          spec: { method: 'POST', target: kind.path, body, contentType: json },
          expect: jsonVerdict(kind, body),
        });
      }
      if (typeof sampleValue !== 'string') continue;
      // 200 KiB in the first string field of each kind, 16 KiB in the others: size, not count, is the point.
      const huge =
        path === leaves.find((leaf) => typeof valueAt(kind.sample, leaf) === 'string')
          ? big
          : big.slice(0, 16 * 1024);
      const body = template.replace(marker, JSON.stringify(huge));
      cases.push({
        kind: 'huge-values',
        variant: `${kind.name}: ${dotted(path)} = ${huge.length / 1024} KiB string`,
        spec: { method: 'POST', target: kind.path, body, contentType: json },
        expect: jsonVerdict(kind, body),
      });
    }
  }
  for (const name of ['userId', 'associatedObjectId', 'portalId']) {
    for (const value of ['99999999999999999999999999', '0'.repeat(300), '1'.repeat(2000)]) {
      const query = queryOf({ ...defaultFields, [name]: value });
      cases.push({
        kind: 'huge-values',
        variant: `crm-card ${name} = ${value.length} digits`,
        spec: { method: 'GET', target: `${routes.card}?${query}` },
        expect: fieldsVerdict(query),
      });
    }
  }
  // Ids are numbers to the handler: one a JS number cannot hold exactly is refused, not rounded.
  for (const [value, expected] of [
    ['9007199254740991', accepted],
    ['9007199254740993', invalid],
  ] as const) {
    const query = queryOf({ ...defaultFields, associatedObjectId: value });
    cases.push({
      kind: 'huge-values',
      variant: `crm-card associatedObjectId = ${value}`,
      spec: { method: 'GET', target: `${routes.card}?${query}` },
      expect: expected,
    });
  }
  // A request line past Node's header-size cap is the parser's to refuse.
  const query = queryOf({ ...defaultFields, note: 'y'.repeat(20 * 1024) });
  cases.push({
    kind: 'huge-values',
    variant: 'crm-card query of 20 KiB',
    spec: { method: 'GET', target: `${routes.card}?${query}` },
    expect: refused(431, undefined, true),
  });
  return cases;
}

const wrongJsonValues: readonly unknown[] = ['x', 42, 1.5, true, null, {}, missing];
const wrongQueryValues: readonly (string | typeof missing | 'repeated')[] = [
  'abc',
  '',
  '1.5',
  '-1',
  '0x1f',
  '\uff11\uff12',
  'CONTACTS',
  missing,
  'repeated',
];

export function wrongTypeCases(): Omit<HostileCase, 'id'>[] {
  const cases: Omit<HostileCase, 'id'>[] = [];
  const label = (value: unknown) => (value === missing ? 'missing' : JSON.stringify(value));
  for (const kind of jsonKinds) {
    for (const path of schemaFields(schemaOf(kind))) {
      for (const value of wrongJsonValues) {
        const body = JSON.stringify(withField(kind.sample, path, value));
        cases.push({
          kind: 'wrong-type',
          variant: `${kind.name}: ${dotted(path)} = ${label(value)}`,
          spec: { method: 'POST', target: kind.path, body, contentType: json },
          expect: jsonVerdict(kind, body),
        });
      }
    }
  }
  // Query-borne kinds: every field of the data-fetch schema, in the query, a form and a JSON body.
  const fieldNames = schemaFields(cardFetchQuerySchema).map((path) => String(path[0]));
  for (const field of fieldNames) {
    for (const value of wrongQueryValues) {
      const fields: Record<string, string> = { ...defaultFields };
      if (value === missing) delete fields[field];
      else if (value !== 'repeated') fields[field] = value;
      let query = queryOf(fields);
      if (value === 'repeated') query = `${new URLSearchParams([[field, 'zz']]).toString()}&${query}`;
      const variant = `${field} = ${label(value)}`;
      cases.push(
        {
          kind: 'wrong-type',
          variant: `crm-card query: ${variant}`,
          spec: { method: 'GET', target: `${routes.card}?${query}` },
          expect: fieldsVerdict(query),
        },
        {
          kind: 'wrong-type',
          variant: `action-hook DELETE query: ${variant}`,
          spec: { method: 'DELETE', target: `${routes.hook}?${query}` },
          expect: fieldsVerdict(query),
        },
        {
          kind: 'wrong-type',
          variant: `action-hook POST form: ${variant}`,
          spec: { method: 'POST', target: routes.hook, body: query, contentType: form },
          expect: fieldsVerdict(query),
        },
      );
    }
    for (const value of wrongJsonValues) {
      const body = withField(defaultFields, [field], value) as Record<string, unknown>;
      cases.push({
        kind: 'wrong-type',
        variant: `action-hook PATCH JSON: ${field} = ${label(value)}`,
        spec: { method: 'PATCH', target: routes.hook, body: JSON.stringify(body), contentType: json },
        expect: fieldsVerdict('', body),
      });
    }
  }
  return cases;
}

export function truncatedCases(): Omit<HostileCase, 'id'>[] {
  return bodySpecs().flatMap(({ name, spec }) => {
    const length = new TextEncoder().encode(String(spec.body)).byteLength;
    return [0, 1, Math.floor(length / 2), length - 1].map((sent) => ({
      kind: 'truncated-body' as const,
      variant: `${name}: ${sent} of ${length} bytes, then FIN`,
      spec,
      send: { sendBodyBytes: sent, afterBody: 'half-close' as const },
      // Node's HTTP parser sees the FIN mid-body and answers 400 itself (its clientError), before Spoke.
      expect: refused(400, undefined, true),
    }));
  });
}

export function badContentLengthCases(): Omit<HostileCase, 'id'>[] {
  return bodySpecs().flatMap(({ name, spec }) => {
    const length = new TextEncoder().encode(String(spec.body)).byteLength;
    const parser = (why: string) => ({ variant: why, expect: refused(400, undefined, true) });
    const variants: {
      variant: string;
      contentLength?: string | null;
      edit?: HeaderEdit;
      expect: Expectation;
    }[] = [
      { ...parser('Content-Length not a number'), contentLength: 'abc' },
      { ...parser('Content-Length negative'), contentLength: '-1' },
      { ...parser('Content-Length with exponent'), contentLength: '1e3' },
      {
        ...parser('two different Content-Length headers'),
        edit: (h) => [...h, ['Content-Length', String(length + 1)]],
      },
      {
        ...parser('Content-Length and chunked together'),
        edit: (h) => [...h, ['Transfer-Encoding', 'chunked']],
      },
      {
        // The byte past the declared length is read as a second request, which Node's parser
        // refuses (400, connection closed) before Spoke's 401 for the first one is written.
        ...parser('Content-Length one short of the body'),
        contentLength: String(length - 1),
      },
    ];
    return variants.map((variant) => ({
      kind: 'bad-content-length' as const,
      variant: `${name}: ${variant.variant}`,
      spec: {
        ...spec,
        ...(variant.contentLength === undefined ? {} : { contentLength: variant.contentLength }),
        ...(variant.edit ? { editHeaders: variant.edit } : {}),
      },
      expect: variant.expect,
    }));
  });
}

export function oversizeCases(): Omit<HostileCase, 'id'>[] {
  const tooLarge = refused(413, 'REQUEST_BODY_TOO_LARGE');
  const cases: Omit<HostileCase, 'id'>[] = [];
  for (const target of [routes.calls, sharePath('SHARE_OBJECT'), routes.hook]) {
    for (const size of [hardeningBodyLimit + 1, 2 * hardeningBodyLimit]) {
      const body = `{"pad":"${'p'.repeat(size - 10)}"}`;
      cases.push({
        kind: 'oversize-body',
        variant: `${target}: ${size} bytes, validly signed`,
        spec: { method: 'POST', target, body, contentType: json },
        expect: tooLarge,
      });
      cases.push({
        kind: 'oversize-body',
        variant: `${target}: ${size} bytes chunked, no Content-Length`,
        spec: {
          method: 'POST',
          target,
          body: chunked(body),
          contentType: json,
          contentLength: null,
          signing: { body },
          editHeaders: (h) => [...h, ['Transfer-Encoding', 'chunked']],
        },
        expect: tooLarge,
      });
    }
    cases.push({
      kind: 'oversize-body',
      variant: `${target}: Content-Length of 1 TB, 10 bytes sent`,
      spec: {
        method: 'POST',
        target,
        body: '{"a":1234}',
        contentType: json,
        contentLength: String(10 ** 12),
      },
      expect: tooLarge,
    });
  }
  return cases;
}

/** A body in chunked transfer coding, in 16 KiB chunks. */
export function chunked(body: string): string {
  const parts: string[] = [];
  for (let offset = 0; offset < body.length; offset += 16 * 1024) {
    const piece = body.slice(offset, offset + 16 * 1024);
    parts.push(`${Buffer.byteLength(piece).toString(16)}\r\n${piece}\r\n`);
  }
  return `${parts.join('')}0\r\n\r\n`;
}

export function slowBodyCases(): Omit<HostileCase, 'id'>[] {
  const timeout = refused(408, 'REQUEST_BODY_TIMEOUT', true);
  return bodySpecs().flatMap(({ name, spec }) => [
    {
      kind: 'slow-body' as const,
      app: 'short-body-timeout' as const,
      variant: `${name}: one byte every 100 ms`,
      spec,
      send: { trickle: { bytes: 1, everyMs: 100 } },
      expect: timeout,
    },
    {
      kind: 'slow-body' as const,
      app: 'short-body-timeout' as const,
      variant: `${name}: half the body, then silence`,
      spec,
      send: { sendBodyBytes: 10 },
      expect: timeout,
    },
    {
      kind: 'slow-body' as const,
      app: 'short-body-timeout' as const,
      variant: `${name}: headers only, then silence`,
      spec,
      send: { sendBodyBytes: 0 },
      expect: timeout,
    },
  ]);
}

export function wrongContentTypeCases(): Omit<HostileCase, 'id'>[] {
  const types = [
    'text/plain',
    form,
    'multipart/form-data; boundary=x',
    'application/json; charset=latin1',
    'application/xml',
    '*/*',
    'application/json;;;=',
    'x'.repeat(2000),
  ];
  const cases: Omit<HostileCase, 'id'>[] = [];
  for (const kind of jsonKinds) {
    const body = JSON.stringify(kind.sample);
    for (const contentType of [...types, undefined]) {
      const notAType = contentType?.startsWith('xxx') === true;
      cases.push({
        kind: 'wrong-content-type',
        variant: `${kind.name}: ${contentType === undefined ? 'no content type' : contentType.slice(0, 40)}`,
        spec: {
          method: 'POST',
          target: kind.path,
          body,
          ...(contentType === undefined ? {} : { contentType }),
        },
        expect: accepted,
        ...(notAType
          ? {
              hosts: {
                fastify: {
                  ...refused(415, 'FST_ERR_CTP_INVALID_MEDIA_TYPE'),
                  why: 'Fastify parses the media type before any route',
                },
              },
            }
          : {}),
      });
    }
  }
  const fields = queryOf(defaultFields);
  const jsonFields = JSON.stringify(defaultFields);
  const hook = (variant: string, body: string, contentType: string | undefined, expect: Expectation) =>
    cases.push({
      kind: 'wrong-content-type',
      variant: `action-hook POST: ${variant}`,
      spec: {
        method: 'POST',
        target: routes.hook,
        body,
        ...(contentType === undefined ? {} : { contentType }),
      },
      expect,
    });
  hook('form body labelled JSON', fields, json, malformed);
  hook('JSON body labelled form', jsonFields, form, invalid);
  hook('JSON body, no content type', jsonFields, undefined, accepted);
  hook('form body, no content type', fields, undefined, accepted);
  hook('form body labelled text/plain', fields, 'text/plain', accepted);
  hook('JSON body labelled text/plain', jsonFields, 'text/plain', accepted);
  return cases;
}
