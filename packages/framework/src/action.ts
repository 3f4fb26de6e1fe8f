import type { ActionHookAction, ConfirmationActionHookAction, IframeAction } from '@spoke/protocol';

/**
 * Builders for card actions. Every `uri` must start with one of the card's `actions.baseUrls`;
 * the platform checks that, not the framework. docs/protocol.md §2.3–2.4.
 */
export const action = {
  /** Opens `uri` in a `width`×`height` modal; the page closes it with `postMessage({action:'DONE'})`. Not signed. */
  iframe: (fields: Omit<IframeAction, 'type'>): IframeAction => ({ type: 'IFRAME', ...fields }),
  /** A signed request to `uri` (GET unless `httpMethod`); HubSpot shows success or the error. */
  hook: (fields: Omit<ActionHookAction, 'type'>): ActionHookAction => ({ type: 'ACTION_HOOK', ...fields }),
  /** An action hook behind a confirm dialog showing `confirmationMessage`. */
  confirm: (fields: Omit<ConfirmationActionHookAction, 'type'>): ConfirmationActionHookAction => ({
    type: 'CONFIRMATION_ACTION_HOOK',
    ...fields,
  }),
} as const;
