import { action, property } from '@spoke/framework';
import { cardActionSchema, cardPropertySchema } from '@spoke/protocol';
import { describe, expect, test } from 'vitest';

describe('property builders', () => {
  test.each([
    [property.string('Name', 'Ada'), { label: 'Name', dataType: 'STRING', value: 'Ada' }],
    [property.numeric('Seats', 12), { label: 'Seats', dataType: 'NUMERIC', value: 12 }],
    [
      property.currency('Total', '94.34', 'GBP'),
      { label: 'Total', dataType: 'CURRENCY', value: '94.34', currencyCode: 'GBP' },
    ],
    [property.date('Created', '2016-09-15'), { label: 'Created', dataType: 'DATE', value: '2016-09-15' }],
    [
      property.date('Created', new Date(Date.UTC(2024, 1, 29, 23, 30))),
      { label: 'Created', dataType: 'DATE', value: '2024-02-29' },
    ],
    [
      property.datetime('Seen', 1_700_000_000_000),
      { label: 'Seen', dataType: 'DATETIME', value: 1_700_000_000_000 },
    ],
    [
      property.datetime('Seen', new Date(1_700_000_000_000)),
      { label: 'Seen', dataType: 'DATETIME', value: 1_700_000_000_000 },
    ],
    [property.email('Owner', 'a@b.co'), { label: 'Owner', dataType: 'EMAIL', value: 'a@b.co' }],
    [
      property.link('Ticket', 'https://x.example/1'),
      { label: 'Ticket', dataType: 'LINK', value: 'https://x.example/1' },
    ],
    [
      property.link('Ticket', 'https://x.example/1', 'API-22'),
      { label: 'Ticket', dataType: 'LINK', value: 'https://x.example/1', linkLabel: 'API-22' },
    ],
    [
      property.status('State', 'Blocked', 'DANGER'),
      { label: 'State', dataType: 'STATUS', value: 'Blocked', optionType: 'DANGER' },
    ],
    [property.boolean('Paid', false), { label: 'Paid', dataType: 'BOOLEAN', value: false }],
  ])('builds %o', (built, expected) => {
    expect(built).toEqual(expected);
    expect(cardPropertySchema.safeParse(built).success).toBe(true);
  });

  test('leaves a value the schema refuses for the reply check to report', () => {
    expect(cardPropertySchema.safeParse(property.currency('Total', 1, 'pounds')).success).toBe(false);
  });
});

describe('action builders', () => {
  test('builds an IFRAME action', () => {
    const built = action.iframe({ uri: 'https://x.example/edit', label: 'Edit', width: 890, height: 748 });
    expect(built).toEqual({
      type: 'IFRAME',
      uri: 'https://x.example/edit',
      label: 'Edit',
      width: 890,
      height: 748,
    });
    expect(cardActionSchema.safeParse(built).success).toBe(true);
  });

  test('builds an ACTION_HOOK action', () => {
    const built = action.hook({
      uri: 'https://x.example/close',
      label: 'Close',
      httpMethod: 'POST',
      associatedObjectProperties: ['email'],
    });
    expect(built).toMatchObject({
      type: 'ACTION_HOOK',
      httpMethod: 'POST',
      associatedObjectProperties: ['email'],
    });
    expect(cardActionSchema.safeParse(built).success).toBe(true);
  });

  test('builds a CONFIRMATION_ACTION_HOOK action', () => {
    const built = action.confirm({
      uri: 'https://x.example/delete',
      label: 'Delete',
      httpMethod: 'DELETE',
      confirmationMessage: 'Delete this ticket?',
      confirmButtonText: 'Delete',
      cancelButtonText: 'Keep',
    });
    expect(built.type).toBe('CONFIRMATION_ACTION_HOOK');
    expect(cardActionSchema.safeParse(built).success).toBe(true);
  });
});
