// @vitest-environment jsdom
import {
  normalizeCardResponse,
  type PlatformMode,
  parseCardResponse,
  type RenderedAction,
  type RenderedCard,
} from '@spoke/protocol';
import { act } from 'react';
import { describe, expect, test, vi } from 'vitest';
import { UiEventProvider } from '../../components/UiEvents.tsx';
import { domPerTest } from '../../lib/test-dom.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { CrmCard } from './CrmCard.tsx';
import { IframeModal, iframeModalTitle } from './IframeModal.tsx';

const dom = domPerTest();

/** A legacy reply through the protocol's render model, as the emulator hands it to the page. */
function render(reply: unknown, mode: PlatformMode): RenderedCard {
  const parsed = parseCardResponse(reply);
  if (parsed.format !== 'legacy' || !parsed.result.success) throw new Error('fixture must be valid');
  return normalizeCardResponse(
    { format: 'legacy', value: parsed.result.data },
    { displayProperties: [], baseUrls: ['https://svc.example.com/'], mode },
  ).card;
}

function confirmationAction(fields: Record<string, unknown>, mode: PlatformMode): RenderedAction {
  const card = render(
    {
      results: [],
      primaryAction: {
        type: 'CONFIRMATION_ACTION_HOOK',
        uri: 'https://svc.example.com/hook',
        confirmationMessage: '',
        ...fields,
      },
    },
    mode,
  );
  if (!card.primaryAction) throw new Error('no primary action');
  return card.primaryAction;
}

function openDialog(action: RenderedAction, mode: PlatformMode) {
  act(() =>
    dom.root.render(<ConfirmDialog action={action} mode={mode} onConfirm={vi.fn()} onCancel={vi.fn()} />),
  );
  const dialog = document.querySelector('dialog');
  if (!dialog) throw new Error('no dialog rendered');
  const buttons = [...dialog.querySelectorAll('.dialog-footer button')];
  return {
    dialog,
    title: dialog.querySelector('h2')?.textContent,
    message: dialog.querySelector('.confirm-message')?.textContent,
    buttons: buttons.map((b) => b.textContent),
    classes: buttons.map((b) => b.className),
  };
}

// Cases from HubSpot's Legacy CRM Card Converter, components/__test__/ConfirmationModal.test.tsx.
describe('ConfirmDialog in converter mode', () => {
  const cases = [
    {
      name: 'defaults: the label as title, its question, No then Yes',
      fields: { label: 'Confirm Action' },
      title: 'Confirm Action',
      message: 'Are you sure you want to proceed?',
      buttons: ['No', 'Yes'],
      classes: ['button button-secondary', 'button button-primary'],
      danger: false,
    },
    {
      name: 'custom button texts: cancel first for an action that is not a DELETE',
      fields: { label: 'Save Record', confirmButtonText: 'Save', cancelButtonText: 'Cancel' },
      title: 'Save Record',
      message: 'Are you sure you want to proceed?',
      buttons: ['Cancel', 'Save'],
      classes: ['button button-secondary', 'button button-primary'],
      danger: false,
    },
    {
      name: 'a POST is a default dialog',
      fields: { label: 'Update Record', httpMethod: 'POST', confirmationMessage: 'Update?' },
      title: 'Update Record',
      message: 'Update?',
      buttons: ['No', 'Yes'],
      classes: ['button button-secondary', 'button button-primary'],
      danger: false,
    },
    {
      name: 'a DELETE is a danger dialog, the destructive button first',
      fields: {
        label: 'Delete Record',
        httpMethod: 'DELETE',
        confirmButtonText: 'Delete',
        cancelButtonText: 'Cancel',
      },
      title: 'Delete Record',
      message: 'Are you sure you want to proceed?',
      buttons: ['Delete', 'Cancel'],
      classes: ['button button-destructive', 'button button-secondary'],
      danger: true,
    },
    {
      name: 'a DELETE with no texts: Yes (destructive) then No',
      fields: { label: 'Delete Record', httpMethod: 'DELETE' },
      title: 'Delete Record',
      message: 'Are you sure you want to proceed?',
      buttons: ['Yes', 'No'],
      classes: ['button button-destructive', 'button button-secondary'],
      danger: true,
    },
    {
      name: 'an empty label: an empty title, as the converter passes it',
      fields: { label: '' },
      title: '',
      message: 'Are you sure you want to proceed?',
      buttons: ['No', 'Yes'],
      classes: ['button button-secondary', 'button button-primary'],
      danger: false,
    },
  ];
  test.each(cases)('$name', ({ fields, title, message, buttons, classes, danger }) => {
    const shown = openDialog(confirmationAction(fields, 'converter'), 'converter');
    expect(shown).toMatchObject({ title, message, buttons, classes });
    expect(shown.dialog.classList.contains('dialog-danger')).toBe(danger);
  });

  test('legacy mode keeps OK and Cancel, its title fallback, and no danger style for a DELETE', () => {
    const shown = openDialog(
      confirmationAction({ label: '', httpMethod: 'DELETE', confirmationMessage: 'Delete?' }, 'legacy'),
      'legacy',
    );
    expect(shown).toMatchObject({
      title: 'Are you sure?',
      message: 'Delete?',
      buttons: ['Cancel', 'OK'],
      classes: ['button button-secondary', 'button button-primary'],
    });
    expect(shown.dialog.classList.contains('dialog-danger')).toBe(false);
  });
});

// Cases from the converter's utils/__test__/handleActionOnClick.test.ts (IFRAME actions).
describe('the IFRAME modal title', () => {
  const action = {
    type: 'IFRAME',
    uri: 'https://svc.example.com/edit',
    label: 'Open Settings',
    httpMethod: 'GET',
    associatedObjectProperties: [],
    width: 400,
    height: 300,
  } satisfies RenderedAction;
  const cases = [
    {
      name: 'converter, an item action: item title - label',
      item: 'Test Object',
      mode: 'converter',
      title: 'Test Object - Open Settings',
    },
    { name: 'converter, a card action: the label', item: null, mode: 'converter', title: 'Open Settings' },
    {
      name: 'legacy: the label, whatever the item',
      item: 'Test Object',
      mode: 'legacy',
      title: 'Open Settings',
    },
  ] as const;
  test.each(cases)('$name', ({ item, mode, title }) => {
    expect(iframeModalTitle(action, item, mode)).toBe(title);
  });

  test('the modal shows the title it is given', () => {
    act(() =>
      dom.root.render(
        <UiEventProvider>
          <IframeModal
            action={action}
            src="https://svc.example.com/edit"
            onClose={vi.fn()}
            title={iframeModalTitle(action, 'API-7', 'converter')}
          />
        </UiEventProvider>,
      ),
    );
    expect(document.querySelector('dialog h2')?.textContent).toBe('API-7 - Open Settings');
    expect(document.querySelector('iframe')?.getAttribute('title')).toBe('API-7 - Open Settings');
  });
});

describe('DATETIME on a converter-mode card: in the portal time zone it is given', () => {
  // 2024-03-15T12:00:00Z
  const reply = {
    results: [
      {
        objectId: 1,
        title: 'One',
        properties: [{ label: 'Last Modified', dataType: 'DATETIME', value: '1710504000000' }],
      },
    ],
  };
  const cases = [
    { timeZone: 'US/Eastern', text: 'Friday, March 15, 2024 at 8:00 AM' },
    { timeZone: 'UTC', text: 'Friday, March 15, 2024 at 12:00 PM' },
    { timeZone: 'Asia/Tokyo', text: 'Friday, March 15, 2024 at 9:00 PM' },
  ];
  test.each(cases)('$timeZone', ({ timeZone, text }) => {
    act(() =>
      dom.root.render(
        <CrmCard
          title="Issues"
          appName="Tracker"
          state={{ status: 'ok', exchangeId: 'x1', card: render(reply, 'converter') }}
          onAction={vi.fn()}
          onRefresh={vi.fn()}
          mode="converter"
          locale="en-US"
          timeZone={timeZone}
        />,
      ),
    );
    expect(dom.container.querySelector('.card-property dd')?.textContent).toBe(text);
  });
});

// The converter's components/ObjectTile.tsx (an item's actions in an "Actions" dropdown beside View
// More) and components/ActionsBelowObjects.tsx (primary, secondary dropdown, then settings).
describe('where a converter-mode card puts its actions', () => {
  const reply = {
    results: [
      {
        objectId: 1,
        title: 'API-7',
        actions: [{ type: 'ACTION_HOOK', uri: 'https://svc.example.com/close', label: 'Close' }],
      },
    ],
    primaryAction: { type: 'ACTION_HOOK', uri: 'https://svc.example.com/new', label: 'New issue' },
    settingsAction: {
      type: 'IFRAME',
      uri: 'https://svc.example.com/settings',
      label: 'Setup',
      width: 400,
      height: 300,
    },
  };

  function drawCard(mode: PlatformMode, onAction = vi.fn()) {
    act(() =>
      dom.root.render(
        <CrmCard
          title="Issues"
          appName="Tracker"
          state={{ status: 'ok', exchangeId: 'x1', card: render(reply, mode) }}
          onAction={onAction}
          onRefresh={vi.fn()}
          mode={mode}
        />,
      ),
    );
    const buttonNamed = (name: string) =>
      [...dom.container.querySelectorAll('button')].find((b) =>
        (b.getAttribute('aria-label') ?? b.textContent)?.includes(name),
      );
    return { onAction, buttonNamed };
  }

  test("an item's actions wait behind its Actions menu, and run with the item", () => {
    const { onAction, buttonNamed } = drawCard('converter');
    const item = dom.container.querySelector('.card-item');
    expect(item?.querySelector('[data-action-type]')).toBeNull();
    const toggle = buttonNamed('Actions for API-7');
    expect(toggle?.textContent).toBe('Actions ▾');
    act(() => toggle?.click());
    const close = item?.querySelector<HTMLButtonElement>('[data-action-type="ACTION_HOOK"]');
    expect(close?.textContent).toContain('Close');
    act(() => close?.click());
    expect(onAction).toHaveBeenCalledWith(
      expect.objectContaining({ label: 'Close' }),
      expect.objectContaining({ title: 'API-7' }),
    );
    expect(item?.querySelector('[data-action-type]')).toBeNull();
  });

  test('the settings action sits below the items, after the primary action, not in the header', () => {
    const { buttonNamed } = drawCard('converter');
    expect(dom.container.querySelector('.crm-card-header [aria-label^="Settings"]')).toBeNull();
    const row = dom.container.querySelector('.crm-card-actions');
    expect(
      [...(row?.querySelectorAll('button') ?? [])].map(
        (b) => b.getAttribute('aria-label') ?? b.textContent?.trim(),
      ),
    ).toEqual(['↯ New issue', 'Settings: Setup']);
    expect(buttonNamed('Settings: Setup')).toBe(row?.querySelector('[aria-label="Settings: Setup"]'));
  });

  test('legacy cards keep item actions as links and the settings gear in the header', () => {
    drawCard('legacy');
    expect(dom.container.querySelector('.card-item [data-action-type="ACTION_HOOK"]')?.textContent).toContain(
      'Close',
    );
    expect(dom.container.querySelector('.crm-card-header [aria-label="Settings: Setup"]')).not.toBeNull();
    expect(dom.container.querySelector('.crm-card-actions [aria-label^="Settings"]')).toBeNull();
  });
});
