// @vitest-environment jsdom
import type { RenderedAction } from '@spoke/protocol';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { UiEventProvider } from '../../components/UiEvents.tsx';
import { IframeModal } from './IframeModal.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let shell: HTMLDivElement;
let root: Root;

beforeEach(() => {
  shell = document.createElement('div');
  shell.id = 'app-shell';
  document.body.append(shell);
  root = createRoot(shell);
});

afterEach(() => {
  act(() => root.unmount());
  shell.remove();
});

const action = { type: 'IFRAME', label: 'Edit', width: 400, height: 300 } as unknown as RenderedAction;

function open(onClose: (done: boolean) => void) {
  act(() =>
    root.render(
      <UiEventProvider>
        <IframeModal action={action} src="https://service.example/edit?x=1" onClose={onClose} />
      </UiEventProvider>,
    ),
  );
  const frame = document.querySelector('iframe');
  if (!frame?.contentWindow) throw new Error('no iframe rendered');
  return frame;
}

function post(source: Window | null, origin: string) {
  act(() => {
    window.dispatchEvent(new MessageEvent('message', { data: '{"action":"DONE"}', origin, source }));
  });
}

describe('IframeModal', () => {
  test('sandboxes the page as HubSpot does', () => {
    const frame = open(vi.fn());
    expect(frame.getAttribute('sandbox')).toBe('allow-scripts allow-forms allow-same-origin allow-popups');
  });

  test("takes DONE only from the iframe's window and the page URL's origin", () => {
    const onClose = vi.fn();
    const frame = open(onClose);
    post(window, 'https://service.example');
    post(frame.contentWindow, 'https://evil.example');
    post(frame.contentWindow, 'null');
    expect(onClose).not.toHaveBeenCalled();
    post(frame.contentWindow, 'https://service.example');
    expect(onClose).toHaveBeenCalledWith(true);
  });
});
