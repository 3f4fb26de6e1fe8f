import type { CardDefinition } from '@spoke/protocol';
import type { ConfigCard } from '../../src/config/config-schema.ts';

/** A valid config card; override any field. */
export function configCard(overrides: Partial<ConfigCard> = {}): ConfigCard {
  return {
    key: 'issues',
    title: 'Issues',
    fetch: {
      targetUrl: 'http://127.0.0.1:3500/hubspot/card',
      objectTypes: [{ name: 'contacts', propertiesToSend: ['email', 'firstname'] }],
    },
    display: {
      properties: [
        {
          name: 'status',
          label: 'Status',
          dataType: 'STATUS',
          options: [{ name: 'open', label: 'Open', type: 'WARNING' }],
        },
        { name: 'created', label: 'Created', dataType: 'DATE', options: [] },
      ],
    },
    actions: { baseUrls: ['http://127.0.0.1:3500/hubspot'] },
    ...overrides,
  };
}

/** A card as a developer API returns it. */
export function remoteCard(
  card: ConfigCard,
  id: string,
  createdAt = '2024-01-01T00:00:00.000Z',
): CardDefinition {
  const { key: _key, renamedFrom: _renamed, ...body } = card;
  return { ...body, id, createdAt, updatedAt: createdAt, auditHistory: [] };
}
