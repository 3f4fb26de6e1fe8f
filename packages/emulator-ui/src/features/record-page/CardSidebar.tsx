import type { RenderedAction, RenderedItem } from '@spoke/protocol';
import { useState } from 'react';
import { listApps } from '../../api/apps.ts';
import { runAction, setPortalTimeZone, setUserLocale } from '../../api/records.ts';
import type { CrmRecord, Exchange } from '../../api/types.ts';
import { useToast } from '../../components/Toasts.tsx';
import { useUiEvents } from '../../components/UiEvents.tsx';
import { useAsync } from '../../lib/use-async.ts';
import { useStream } from '../inspector/use-exchange-stream.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { CrmCard } from './CrmCard.tsx';
import { IframeModal, iframeModalTitle } from './IframeModal.tsx';
import { NotInstalledNotes } from './NotInstalledNotes.tsx';
import { type CardSlot, useRecordCards } from './use-record-cards.ts';

type Pending =
  | { kind: 'iframe'; slot: CardSlot; action: RenderedAction; src: string; title: string }
  | { kind: 'confirm'; slot: CardSlot; action: RenderedAction };

/** For a failed hook, the status and what the service said, before the call (HubSpot's toast shows neither). */
/** The converter never fetches the card again after a hook or an IFRAME's DONE; legacy cards do. */
function refetchesAfterAction(slot: CardSlot): boolean {
  return slot.mode !== 'converter';
}

function serviceSaid(exchange: Exchange | null): string {
  const error = exchange?.error;
  if (!error || error.status === undefined) return '';
  const said = error.reason ? `: ${error.reason}` : '';
  return `${error.status}${error.statusText ? ` ${error.statusText}` : ''}${said} · `;
}

/**
 * The right sidebar of a record page: every card for the record's type, and what their actions
 * open (IFRAME modal, confirm dialog) or show (action-hook toasts). `onRecordChange` is called once
 * an action hook worked or an IFRAME closed with DONE: the app may have written to the record
 * through the CRM API (the bug tracker's `open_issues`), so the page reads it again.
 */
export function CardSidebar({ record, onRecordChange }: { record: CrmRecord; onRecordChange?: () => void }) {
  const { slots, loading, error, refresh, user, setUser, portal, setPortal, notInstalled } =
    useRecordCards(record);
  const locale = user?.locale;
  const apps = useAsync((signal) => listApps(signal), []);
  const [pending, setPending] = useState<Pending | null>(null);
  const toast = useToast();
  const { record: recordEvent } = useUiEvents();
  const { add } = useStream();
  const appName = (appId: number) => apps.data?.find((a) => a.id === appId)?.name ?? `App ${appId}`;

  const run = async (slot: CardSlot, action: RenderedAction, item: RenderedItem | null) => {
    try {
      const result = await runAction(record, { appId: slot.appId, cardId: slot.cardId, action });
      if (result.exchange) add([result.exchange]);
      if (result.type === 'IFRAME') {
        if (result.status === 'ok' && result.iframe) {
          const { width, height, url } = result.iframe;
          recordEvent({
            kind: 'iframe.open',
            summary: `Opened IFRAME "${action.label}" ${width}×${height}`,
            detail: result.message ? `${url} — ${result.message}` : url,
          });
          setPending({
            kind: 'iframe',
            slot,
            action: { ...action, ...result.iframe },
            src: result.iframe.url,
            title: iframeModalTitle(action, item?.title ?? null, slot.mode),
          });
        } else {
          toast({
            tone: 'error',
            title: `${action.label || 'Action'} could not open`,
            detail: result.message,
          });
        }
        return;
      }
      toast({
        tone: result.status === 'ok' ? 'success' : 'error',
        title:
          result.message ||
          (result.status === 'ok' ? `${action.label} succeeded.` : `${action.label} failed.`),
        detail: `${serviceSaid(result.exchange)}${action.label || action.type} · ${action.httpMethod} ${action.uri}`,
      });
      if (result.status === 'ok') onRecordChange?.();
      if (result.status === 'ok' && refetchesAfterAction(slot)) void refresh(slot.cardId);
    } catch (err) {
      toast({ tone: 'error', title: 'The emulator could not run the action', detail: String(err) });
    }
  };

  const onAction = (slot: CardSlot, action: RenderedAction, item: RenderedItem | null) => {
    if (action.type === 'CONFIRMATION_ACTION_HOOK') setPending({ kind: 'confirm', slot, action });
    else void run(slot, action, item);
  };

  return (
    <aside className="record-sidebar" aria-label="CRM cards">
      <div className="sidebar-heading">
        <h2 className="section-title">App cards</h2>
        {loading ? <span className="muted">Loading cards…</span> : null}
      </div>
      {user ? <ViewerLocale user={user} onChange={(next) => setUser({ ...user, locale: next })} /> : null}
      {portal && slots.some((slot) => slot.mode === 'converter') ? (
        <PortalTimeZone portal={portal} onChange={(next) => setPortal({ ...portal, timeZone: next })} />
      ) : null}
      {error ? <p className="notice notice-error">{error.message}</p> : null}
      {!loading && !error && slots.length === 0 && notInstalled.length === 0 ? (
        <p className="empty">No app has a card for this object type.</p>
      ) : null}
      <NotInstalledNotes refusals={notInstalled} />
      {slots.map((slot) => (
        <CrmCard
          key={slot.cardId}
          title={slot.title}
          appName={appName(slot.appId)}
          state={slot.state}
          refreshing={slot.refreshing}
          onRefresh={() => void refresh(slot.cardId)}
          onAction={(action, item) => onAction(slot, action, item)}
          {...(locale ? { locale } : {})}
          {...(slot.mode === 'converter' && portal ? { timeZone: portal.timeZone } : {})}
          {...(slot.seeMoreLabel ? { seeMoreLabel: slot.seeMoreLabel } : {})}
          {...(slot.mode ? { mode: slot.mode } : {})}
        />
      ))}
      {pending?.kind === 'iframe' ? (
        <IframeModal
          action={pending.action}
          src={pending.src}
          title={pending.title}
          onClose={(done) => {
            const refetch = done && refetchesAfterAction(pending.slot);
            recordEvent({
              kind: 'iframe.close',
              summary: done ? 'IFRAME closed by DONE' : 'IFRAME closed',
              ...(done && !refetch
                ? { detail: 'The card is not fetched again: the converter does not refresh after DONE.' }
                : {}),
            });
            setPending(null);
            if (done) onRecordChange?.();
            if (refetch) void refresh(pending.slot.cardId);
          }}
        />
      ) : null}
      {pending?.kind === 'confirm' ? (
        <ConfirmDialog
          action={pending.action}
          {...(pending.slot.mode ? { mode: pending.slot.mode } : {})}
          onCancel={() => {
            recordEvent({ kind: 'action.cancel', summary: `Cancelled "${pending.action.label}"` });
            setPending(null);
          }}
          onConfirm={() => {
            recordEvent({ kind: 'action.confirm', summary: `Confirmed "${pending.action.label}"` });
            setPending(null);
            void run(pending.slot, pending.action, null);
          }}
        />
      ) : null}
    </aside>
  );
}

const commonLocales = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'es-ES', 'ja-JP', 'pt-BR'];

/** Who the page is shown to and their locale, which the cards format dates, numbers and money in. */
function ViewerLocale({
  user,
  onChange,
}: {
  user: { id: number; email: string; locale: string };
  onChange: (locale: string) => void;
}) {
  const [draft, setDraft] = useState(user.locale);
  const toast = useToast();
  const listId = `locales-${user.id}`;
  const save = async () => {
    try {
      const saved = await setUserLocale(user.id, draft.trim());
      onChange(saved.locale ?? draft.trim());
    } catch (err) {
      toast({
        tone: 'error',
        title: 'Could not set the locale',
        detail: err instanceof Error ? err.message : String(err),
      });
    }
  };
  return (
    <form
      className="viewer-locale"
      aria-label="Viewing user"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <span className="muted">Viewing as {user.email}</span>{' '}
      <label>
        Locale{' '}
        <input
          name="locale"
          list={listId}
          size={7}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
        />
      </label>
      <datalist id={listId}>
        {commonLocales.map((tag) => (
          <option key={tag} value={tag} />
        ))}
      </datalist>{' '}
      <button type="submit" className="button button-secondary" disabled={draft.trim() === user.locale}>
        Set
      </button>
    </form>
  );
}

const commonTimeZones = [
  'US/Eastern',
  'US/Central',
  'US/Pacific',
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Tokyo',
];

/**
 * The portal's time zone, shown while a converter-mode card is on the page: HubSpot's converter
 * formats DATETIME in the account's time zone, not the viewer's.
 */
function PortalTimeZone({
  portal,
  onChange,
}: {
  portal: { id: number; timeZone: string };
  onChange: (timeZone: string) => void;
}) {
  const [draft, setDraft] = useState(portal.timeZone);
  const toast = useToast();
  const listId = `time-zones-${portal.id}`;
  const save = async () => {
    try {
      const saved = await setPortalTimeZone(portal.id, draft.trim());
      onChange(saved.timeZone ?? draft.trim());
    } catch (err) {
      toast({
        tone: 'error',
        title: 'Could not set the time zone',
        detail: err instanceof Error ? err.message : String(err),
      });
    }
  };
  return (
    <form
      className="viewer-locale"
      aria-label="Portal time zone"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <span
        className="muted"
        title="HubSpot's card converter formats dates and times in the account's time zone"
      >
        Converter cards use portal {portal.id}'s
      </span>{' '}
      <label>
        Time zone{' '}
        <input
          name="timeZone"
          list={listId}
          size={12}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
        />
      </label>
      <datalist id={listId}>
        {commonTimeZones.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>{' '}
      <button type="submit" className="button button-secondary" disabled={draft.trim() === portal.timeZone}>
        Set
      </button>
    </form>
  );
}
