// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { Dialog } from './Dialog.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let shell: HTMLDivElement;
let opener: HTMLButtonElement;
let root: Root;

beforeEach(() => {
  shell = document.createElement('div');
  shell.id = 'app-shell';
  opener = document.createElement('button');
  opener.textContent = 'Open';
  shell.append(opener);
  document.body.append(shell);
  root = createRoot(shell.appendChild(document.createElement('div')));
  opener.focus();
});

afterEach(() => {
  act(() => root.unmount());
  shell.remove();
});

function press(key: string, shiftKey = false) {
  act(() => {
    document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey, bubbles: true }));
  });
}

function open(onClose = vi.fn()) {
  act(() =>
    root.render(
      <Dialog
        title="Confirm"
        onClose={onClose}
        footer={
          <>
            <button type="button">Cancel</button>
            <button type="button" data-autofocus>
              OK
            </button>
          </>
        }
      >
        <p>Sure?</p>
      </Dialog>,
    ),
  );
  return onClose;
}

describe('Dialog', () => {
  test('focuses the autofocus button and makes the page behind it inert', () => {
    open();
    expect(document.activeElement?.textContent).toBe('OK');
    expect(shell.hasAttribute('inert')).toBe(true);
    expect(document.querySelector('[aria-modal="true"]')?.getAttribute('aria-labelledby')).toBeTruthy();
  });

  test('keeps Tab and Shift+Tab inside the dialog', () => {
    open();
    press('Tab');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Close');
    press('Tab', true);
    expect(document.activeElement?.textContent).toBe('OK');
  });

  test('closes on Escape and gives focus back when it goes', () => {
    const onClose = open();
    press('Escape');
    expect(onClose).toHaveBeenCalledTimes(1);
    act(() => root.render(null));
    expect(shell.hasAttribute('inert')).toBe(false);
    expect(document.activeElement).toBe(opener);
  });
});
