import type { PlatformMode, RenderedAction } from '@spoke/protocol';
import { useEffect, useRef, useState } from 'react';
import { Dialog } from '../../components/Dialog.tsx';
import { useUiEvents } from '../../components/UiEvents.tsx';
import { frameSrc } from '../../lib/frame-src.ts';
import { type FrameMessage, parseFrameMessage } from '../../lib/parse-frame-message.ts';

// What HubSpot's modal grants the page; nothing more (no top navigation). Issue "Safety".
// allow-same-origin is safe only because frameSrc refuses pages on the emulator's own origin.
const sandbox = 'allow-scripts allow-forms allow-same-origin allow-popups';

export interface IframeModalProps {
  action: RenderedAction;
  /** The URL to load: the action's uri plus its associatedObjectProperties. */
  src: string;
  /** Closed by the page with DONE (true) or by the user / CANCEL (false). */
  onClose: (done: boolean) => void;
  /**
   * The modal's title. HubSpot's card converter passes `<item title> - <label>` for an item's
   * action (see {@link iframeModalTitle}). @default the action's label, else "Action"
   */
  title?: string;
}

/**
 * The IFRAME modal's title: the action's label, and in converter mode, for an action of an item,
 * the item's title before it (`API-7 - Edit`), as the converter passes it to openIframeModal.
 */
export function iframeModalTitle(
  action: RenderedAction,
  itemTitle: string | null,
  mode: PlatformMode = 'legacy',
): string {
  if (mode !== 'converter') return action.label || 'Action';
  return itemTitle ? `${itemTitle} - ${action.label}` : action.label;
}

/**
 * An IFRAME action's modal, `width`×`height`. Only messages from this iframe's own window count:
 * `{"action":"DONE"}` closes (and legacy cards refresh), `CANCEL` closes; every message is listed and odd ones flagged.
 */
export function IframeModal({ action, src, onClose, title = action.label || 'Action' }: IframeModalProps) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [messages, setMessages] = useState<(FrameMessage & { n: number })[]>([]);
  const received = useRef(0);
  const { record } = useUiEvents();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  const safe = frameSrc(src, window.location.origin);
  const frameOrigin = safe.ok ? new URL(safe.href).origin : null;

  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      // Accept only the iframe's own window, never another frame or tab, and only while it shows
      // the page's own origin (not a page it navigated to). docs/security.md.
      if (!frame.current || event.source !== frame.current.contentWindow) return;
      if (frameOrigin === null || event.origin !== frameOrigin) return;
      const message = parseFrameMessage(event.data);
      received.current += 1;
      const n = received.current;
      setMessages((all) => [...all, { ...message, n }]);
      record({
        kind: 'iframe.message',
        summary: `postMessage from ${event.origin}: ${message.kind}`,
        detail: message.raw,
        ...(message.kind === 'not-json' || message.kind === 'unknown' ? { flag: message.problem } : {}),
      });
      if (message.kind === 'DONE') onCloseRef.current(true);
      if (message.kind === 'CANCEL') onCloseRef.current(false);
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [record, frameOrigin]);

  const width = action.width ?? 640;
  const height = action.height ?? 480;
  return (
    <Dialog title={title} width={width} onClose={() => onClose(false)} className="iframe-dialog">
      {safe.ok ? (
        <iframe
          ref={frame}
          title={title || 'Action'}
          src={safe.href}
          sandbox={sandbox}
          referrerPolicy="no-referrer"
          style={{ height: `min(${height}px, calc(100vh - 240px))` }}
          className="action-frame"
        />
      ) : (
        <p className="value-invalid">
          {safe.code ? <span className="code-chip">{safe.code}</span> : null} Blocked: {safe.reason}
        </p>
      )}
      <section className="frame-messages" aria-label="Messages from the iframe">
        <span className="muted">
          {action.width}×{action.height} · {src}
        </span>
        {messages.map((message) => (
          <span
            key={message.n}
            className={`frame-message ${message.kind === 'not-json' || message.kind === 'unknown' ? 'flagged' : ''}`}
          >
            {message.kind === 'not-json' || message.kind === 'unknown' ? `⚠ ${message.problem}: ` : ''}
            <code>{message.raw}</code>
          </span>
        ))}
      </section>
    </Dialog>
  );
}
