import { normalizeCardResponse, parseCardResponse } from '@spoke/protocol';
import { describe, expect, test } from 'vitest';

function confirmationOf(action: Record<string, unknown>, mode: 'legacy' | 'converter') {
  const parsed = parseCardResponse({
    results: [],
    primaryAction: {
      type: 'CONFIRMATION_ACTION_HOOK',
      uri: 'https://svc.example.com/x',
      label: 'Go',
      ...action,
    },
  });
  if (parsed.format !== 'legacy' || !parsed.result.success) throw new Error('fixture must be valid');
  const { card } = normalizeCardResponse(
    { format: 'legacy', value: parsed.result.data },
    { displayProperties: [], baseUrls: ['https://svc.example.com/'], mode },
  );
  return card.primaryAction?.confirmation;
}

// Cases from HubSpot's Legacy CRM Card Converter, components/__test__/ConfirmationModal.test.tsx:
// `confirmationMessage || 'Are you sure you want to proceed?'`, `confirmButtonText || 'Yes'`,
// `cancelButtonText || 'No'`.
describe('a CONFIRMATION_ACTION_HOOK dialog in converter mode', () => {
  const cases = [
    {
      name: 'no button texts: Yes and No',
      action: { confirmationMessage: 'Delete?' },
      expected: { message: 'Delete?', confirmButtonText: 'Yes', cancelButtonText: 'No' },
    },
    {
      name: 'an empty message: the converter asks "Are you sure you want to proceed?"',
      action: { confirmationMessage: '' },
      expected: {
        message: 'Are you sure you want to proceed?',
        confirmButtonText: 'Yes',
        cancelButtonText: 'No',
      },
    },
    {
      name: 'empty button texts: Yes and No too (the converter tests with ||)',
      action: { confirmationMessage: 'Sure?', confirmButtonText: '', cancelButtonText: '' },
      expected: { message: 'Sure?', confirmButtonText: 'Yes', cancelButtonText: 'No' },
    },
    {
      name: 'custom texts: as given',
      action: {
        confirmationMessage: 'Are you sure you want to delete this item?',
        confirmButtonText: 'Save',
        cancelButtonText: 'Cancel',
      },
      expected: {
        message: 'Are you sure you want to delete this item?',
        confirmButtonText: 'Save',
        cancelButtonText: 'Cancel',
      },
    },
  ];
  test.each(cases)('$name', ({ action, expected }) => {
    expect(confirmationOf(action, 'converter')).toEqual(expected);
  });

  test('legacy cards keep OK and Cancel, and an empty text stays empty', () => {
    expect(confirmationOf({ confirmationMessage: 'Delete?' }, 'legacy')).toEqual({
      message: 'Delete?',
      confirmButtonText: 'OK',
      cancelButtonText: 'Cancel',
    });
    expect(confirmationOf({ confirmationMessage: '', confirmButtonText: '' }, 'legacy')).toEqual({
      message: '',
      confirmButtonText: '',
      cancelButtonText: 'Cancel',
    });
  });
});
