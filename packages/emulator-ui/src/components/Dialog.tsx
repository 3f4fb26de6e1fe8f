import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef } from 'react';
import { createPortal } from 'react-dom';

const focusable =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), iframe, [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Buttons along the bottom. */
  footer?: ReactNode;
  /** Width of the panel in px (the IFRAME action's width). @default 520 */
  width?: number;
  /** Extra class on the panel. */
  className?: string;
  /** Dialog role: `alertdialog` for confirmations. @default 'dialog' */
  role?: 'dialog' | 'alertdialog';
}

/**
 * A modal dialog: focus moves in on open and back on close, Tab and Shift+Tab stay inside,
 * Esc and the backdrop close it. The rest of the page is inert while it is open.
 */
export function Dialog({
  title,
  onClose,
  children,
  footer,
  width = 520,
  className,
  role = 'dialog',
}: DialogProps) {
  const panel = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const app = document.getElementById('app-shell');
    app?.setAttribute('inert', '');
    const node = panel.current;
    const first =
      node?.querySelector<HTMLElement>('[data-autofocus]') ?? node?.querySelector<HTMLElement>(focusable);
    (first ?? node)?.focus();
    return () => {
      app?.removeAttribute('inert');
      previous?.focus();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onCloseRef.current();
      return;
    }
    if (event.key !== 'Tab' || !panel.current) return;
    // Skip hidden controls where the browser can tell (checkVisibility); jsdom cannot, so keep them there.
    const items = [...panel.current.querySelectorAll<HTMLElement>(focusable)].filter(
      (el) =>
        typeof el.checkVisibility !== 'function' || el.checkVisibility() || el === document.activeElement,
    );
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) {
      event.preventDefault();
      return;
    }
    if (event.shiftKey && (document.activeElement === first || document.activeElement === panel.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  // Rendered on <body>, outside #app-shell, which is inert while the dialog is open.
  return createPortal(
    // biome-ignore lint/a11y/noStaticElementInteractions: a click on the backdrop closes; keyboard users press Esc
    <div
      className="dialog-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <dialog
        open
        ref={panel}
        {...(role === 'alertdialog' ? { role: 'alertdialog' } : {})}
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        className={`dialog ${className ?? ''}`}
        style={{ width: `min(${width}px, calc(100vw - 48px))` }}
        onKeyDown={onKeyDown}
      >
        <header className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="dialog-body">{children}</div>
        {footer ? <footer className="dialog-footer">{footer}</footer> : null}
      </dialog>
    </div>,
    document.body,
  );
}
