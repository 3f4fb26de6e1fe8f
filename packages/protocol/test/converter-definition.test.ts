import {
  type ConverterCheckedDefinition,
  cardDefinitionCreateSchema,
  converterDefinitionIssues,
  type ObjectTypeName,
} from '@spoke/protocol';
import { describe, expect, test } from 'vitest';

// Cases from HubSpot's Legacy CRM Card Converter: its validateDefinition test file (the ones a
// definition the developer API took can reach) and the shapes the converter's schema refuses. Each
// `converter` list is what the converter's own validator returned for the definition, in order.
function definition(overrides: Partial<ConverterCheckedDefinition> = {}): ConverterCheckedDefinition {
  return {
    title: 'Test Card',
    fetch: {
      targetUrl: 'https://example.com/data',
      objectTypes: [{ name: 'contacts', propertiesToSend: ['email', 'firstname'] }],
    },
    display: { properties: [{ name: 'email', label: 'Email', dataType: 'STRING', options: [] }] },
    actions: { baseUrls: ['https://example.com/actions'] },
    ...overrides,
  };
}

const property = (dataType: string, options?: unknown[]) =>
  ({
    name: 'p',
    label: 'P',
    dataType,
    ...(options === undefined ? {} : { options }),
  }) as ConverterCheckedDefinition['display']['properties'][number];

const display = (...properties: ConverterCheckedDefinition['display']['properties']) => ({ properties });
const fetchFor = (...names: ObjectTypeName[]) => ({
  targetUrl: 'https://example.com/data',
  objectTypes: names.map((name) => ({ name, propertiesToSend: [] })),
});
const baseUrls = (...urls: string[]) => ({ actions: { baseUrls: urls } });
const objectTypeLine = 'Invalid option: expected one of "contacts"|"companies"|"deals"|"tickets"';
const baseUrlLine = 'Each baseUrl must be a valid Web URL';

const cases: {
  name: string;
  definition: ConverterCheckedDefinition;
  converter: string[];
  paths?: string[];
}[] = [
  { name: 'a complete definition', definition: definition(), converter: [] },
  { name: 'no actions', definition: definition({ actions: undefined }), converter: [] },
  {
    name: 'four object types and a STATUS with options',
    definition: definition({
      fetch: fetchFor('contacts', 'companies', 'deals', 'tickets'),
      display: display(property('STATUS', [{ name: 'active', label: 'Active', type: 'SUCCESS' }])),
    }),
    converter: [],
  },
  {
    name: 'every data type it takes',
    definition: definition({
      display: display(
        ...['STRING', 'NUMERIC', 'DATETIME', 'DATE', 'LINK', 'CURRENCY', 'EMAIL'].map((t) => property(t, [])),
        property('STATUS', []),
      ),
    }),
    converter: [],
  },
  {
    name: 'an empty title',
    definition: definition({ title: '' }),
    converter: ['title should be a non-empty string but got empty string'],
  },
  {
    name: 'an empty targetUrl and no object types',
    definition: definition({ fetch: { targetUrl: '', objectTypes: [] } }),
    converter: [
      'fetch.targetUrl should be a non-empty string but got empty string',
      'fetch.objectTypes (at least one object type required)',
    ],
  },
  {
    name: 'empty display.properties',
    definition: definition({ display: display() }),
    converter: ['display.properties (at least one property required)'],
    paths: ['display.properties'],
  },
  {
    name: 'marketing_events',
    definition: definition({ fetch: fetchFor('contacts', 'marketing_events') }),
    converter: [objectTypeLine],
    paths: ['fetch.objectTypes.1.name'],
  },
  {
    name: 'a BOOLEAN display property',
    definition: definition({ display: display(property('BOOLEAN', [])) }),
    converter: ['Invalid input'],
    paths: ['display.properties.0'],
  },
  {
    name: 'a STRING without options',
    definition: definition({ display: display(property('STRING')) }),
    converter: ['Invalid input'],
  },
  {
    name: 'a STATUS without options',
    definition: definition({ display: display(property('STATUS')) }),
    converter: ['Invalid input'],
  },
  {
    name: 'a STRING with options',
    definition: definition({
      display: display(property('STRING', [{ name: 'a', label: 'A', type: 'SUCCESS' }])),
    }),
    converter: ['Invalid input'],
  },
  {
    name: 'a BOOLEAN without options: one line for the property',
    definition: definition({ display: display(property('BOOLEAN'), property('STRING', [])) }),
    converter: ['Invalid input'],
    paths: ['display.properties.0'],
  },
  {
    name: 'a baseUrl on a port and path',
    definition: definition(baseUrls('https://e.com:8443/a')),
    converter: [],
  },
  {
    name: 'a baseUrl on a subdomain',
    definition: definition(baseUrls('https://a.b.example.co.uk')),
    converter: [],
  },
  {
    name: 'a baseUrl on localhost',
    definition: definition(baseUrls('http://localhost:3500')),
    converter: [baseUrlLine],
  },
  {
    name: 'a baseUrl on 127.0.0.1',
    definition: definition(baseUrls('http://127.0.0.1:3500/x')),
    converter: [baseUrlLine],
  },
  {
    name: 'a valid and an invalid baseUrl',
    definition: definition(baseUrls('https://example.com', 'http://10.0.0.5', 'http://valid.com')),
    converter: [baseUrlLine],
    paths: ['actions.baseUrls.1'],
  },
  {
    name: 'everything at once, in the converter order',
    definition: {
      title: '',
      fetch: { ...fetchFor('marketing_events'), targetUrl: '' },
      display: display(property('BOOLEAN', []), property('STRING')),
      actions: { baseUrls: ['http://intranet'] },
    },
    converter: [
      'title should be a non-empty string but got empty string',
      'fetch.targetUrl should be a non-empty string but got empty string',
      objectTypeLine,
      'Invalid input',
      'Invalid input',
      baseUrlLine,
    ],
  },
];

describe('converterDefinitionIssues: the converter checks a definition before it fetches', () => {
  test.each(cases)('$name', ({ definition: input, converter, paths }) => {
    const issues = converterDefinitionIssues(input);
    expect(issues.map((issue) => issue.converterMessage)).toEqual(converter);
    if (paths) expect(issues.map((issue) => issue.path)).toEqual(paths);
    for (const issue of issues) expect(issue.message.length).toBeGreaterThan(10);
  });

  test('says what is wrong with a property and how to fix it', () => {
    const [boolean] = converterDefinitionIssues(definition({ display: display(property('BOOLEAN')) }));
    expect(boolean?.message).toContain('no BOOLEAN display property');
    expect(boolean?.message).toContain('use STRING');
    expect(boolean?.message).toContain('"options": []');
  });

  test('marks only a loopback baseUrl as local (a production definition never has one)', () => {
    const issues = converterDefinitionIssues(
      definition(baseUrls('http://127.0.0.1:3500', 'http://localhost', 'http://[::1]:80', 'http://10.0.0.5')),
    );
    expect(issues.map((issue) => issue.local ?? false)).toEqual([true, true, true, false]);
    expect(issues[3]?.message).toContain('the IP address 10.0.0.5');
  });

  test('a definition the developer API stored has options, so the converter takes its properties', () => {
    const stored = cardDefinitionCreateSchema.parse(
      definition({ display: display(property('STRING'), property('DATE')) }),
    );
    expect(stored.display.properties.map((p) => p.options)).toEqual([[], []]);
    expect(converterDefinitionIssues(stored)).toEqual([]);
  });
});
