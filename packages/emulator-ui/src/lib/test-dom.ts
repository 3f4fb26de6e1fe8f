import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach } from 'vitest';

// React's act() needs this flag outside a test renderer.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Where a component test renders: a container in the document and a React root on it. */
export interface TestDom {
  container: HTMLDivElement;
  root: Root;
}

/** A fresh container and root for every test of the file, unmounted and removed after each. */
export function domPerTest(): TestDom {
  const dom = {} as TestDom;
  beforeEach(() => {
    dom.container = document.createElement('div');
    document.body.append(dom.container);
    dom.root = createRoot(dom.container);
  });
  afterEach(() => {
    act(() => dom.root.unmount());
    dom.container.remove();
  });
  return dom;
}
