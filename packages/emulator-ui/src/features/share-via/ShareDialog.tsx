import type { Recipient } from '@spoke/protocol';
import { useState } from 'react';
import { checkPermissions, shareReport } from '../../api/share-via.ts';
import type { App, ShareFrequency, ShareViaFlowResult } from '../../api/types.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { SafeLink } from '../../components/SafeLink.tsx';
import { useStream } from '../inspector/use-exchange-stream.ts';
import { RecipientKind, RecipientPicker } from './RecipientPicker.tsx';
import type { Report } from './reports.ts';

const frequencies: { id: ShareFrequency; label: string }[] = [
  { id: 'now', label: 'Send now' },
  { id: 'daily', label: 'Daily' },
  { id: 'weekly', label: 'Weekly' },
  { id: 'monthly', label: 'Monthly' },
];

type Permission =
  | { status: 'idle' }
  | { status: 'checking'; appId: number }
  | { status: 'granted'; appId: number }
  | { status: 'denied'; appId: number; message: string };

/** What the flow shows when it stopped: the failed step's text, else the emulator's message. */
function failureText(result: ShareViaFlowResult): string {
  const step = result.steps.find((s) => !s.ok);
  return step?.shows ?? 'the share failed';
}

/**
 * Reports → Actions → Share via: choose an app (CHECK_PERMISSIONS first), frequency, a recipient,
 * an optional message, then Send. docs/protocol.md §3.
 */
export function ShareDialog({
  report,
  apps,
  onClose,
  onShared,
}: {
  report: Report;
  apps: readonly App[];
  onClose: () => void;
  onShared: () => void;
}) {
  const [permission, setPermission] = useState<Permission>({ status: 'idle' });
  const [frequency, setFrequency] = useState<ShareFrequency>('now');
  const [recipient, setRecipient] = useState<Recipient | null>(null);
  const [message, setMessage] = useState('');
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<ShareViaFlowResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { add } = useStream();
  const shareApps = apps.filter((app) => app.shareViaTargetUrl !== null);
  const appId = permission.status === 'idle' ? null : permission.appId;

  const chooseApp = async (app: App) => {
    setPermission({ status: 'checking', appId: app.id });
    setRecipient(null);
    setResult(null);
    try {
      const out = await checkPermissions(app.id);
      add(out.result.exchanges);
      if (out.ok && out.reply.payload.hasAllRequiredPermissions)
        setPermission({ status: 'granted', appId: app.id });
      else {
        const why = out.ok
          ? `${app.name} is missing permissions (upload-file); reconnect the app before sharing.`
          : out.message;
        setPermission({ status: 'denied', appId: app.id, message: why });
      }
    } catch (err) {
      setPermission({
        status: 'denied',
        appId: app.id,
        message: err instanceof Error ? err.message : String(err),
      });
    }
  };

  const send = async () => {
    if (permission.status !== 'granted' || !recipient) return;
    setSending(true);
    setError(null);
    try {
      const out = await shareReport(permission.appId, {
        frequency,
        recipientsFilter: { type: recipient.type, name: recipient.name },
        recipient: { id: recipient.id, type: recipient.type },
        ...(message.trim() ? { message: message.trim() } : {}),
        objectMetadata: { id: report.id, type: report.type, name: report.name },
      });
      add(out.exchanges);
      setResult(out);
      onShared();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSending(false);
    }
  };

  const sent = result?.status === 'ok';
  const footer = sent ? (
    <button type="button" className="button button-primary" onClick={onClose}>
      Done
    </button>
  ) : (
    <>
      <button type="button" className="button button-secondary" onClick={onClose}>
        Cancel
      </button>
      <button
        type="button"
        className="button button-primary"
        disabled={permission.status !== 'granted' || !recipient || sending}
        onClick={() => void send()}
      >
        {sending ? 'Sending…' : frequency === 'now' ? 'Send now' : 'Schedule'}
      </button>
    </>
  );

  return (
    <Dialog title={`Share "${report.name}"`} width={620} onClose={onClose} footer={footer}>
      <fieldset>
        <legend>Share via</legend>
        {shareApps.length === 0 ? <p className="muted">No app has a Share Via target URL.</p> : null}
        <div className="app-choices">
          {shareApps.map((app) => (
            <button
              key={app.id}
              type="button"
              className="app-choice"
              aria-pressed={appId === app.id}
              onClick={() => void chooseApp(app)}
            >
              <span className="app-logo" aria-hidden="true">
                {Array.from(app.name)[0]?.toUpperCase()}
              </span>
              <span>
                <strong>{app.name}</strong>
                <br />
                <span className="muted">{app.shareViaTargetUrl}</span>
              </span>
            </button>
          ))}
        </div>
      </fieldset>
      {permission.status === 'checking' ? <p className="notice">Checking permissions…</p> : null}
      {permission.status === 'denied' ? (
        <p className="notice notice-error" role="alert">
          Permission check failed: {permission.message}
        </p>
      ) : null}
      {permission.status === 'granted' && !sent ? (
        <>
          <fieldset>
            <legend>Frequency</legend>
            <div className="frequency">
              {frequencies.map((f) => (
                <label key={f.id}>
                  <input
                    type="radio"
                    name="frequency"
                    value={f.id}
                    checked={frequency === f.id}
                    onChange={() => setFrequency(f.id)}
                  />
                  {f.label}
                </label>
              ))}
            </div>
          </fieldset>
          <RecipientPicker appId={permission.appId} selected={recipient} onSelect={setRecipient} />
          {recipient ? (
            <p className="muted">
              To: <strong>{recipient.name}</strong> <RecipientKind type={recipient.type} />
            </p>
          ) : null}
          <label className="field">
            <span>Message (optional)</span>
            <textarea value={message} onChange={(e) => setMessage(e.target.value)} />
          </label>
        </>
      ) : null}
      {error ? <p className="notice notice-error">{error}</p> : null}
      {result && !sent ? (
        <p className="notice notice-error" role="alert">
          Not sent: {failureText(result)}
        </p>
      ) : null}
      {sent && result ? (
        <div className="notice notice-success" role="status">
          <strong>
            {frequency === 'now' ? 'Sent' : `Scheduled ${frequency}`} to{' '}
            {result.recipient?.name ?? recipient?.name}.
          </strong>{' '}
          {result.send?.recipientUrl ? (
            <SafeLink href={result.send.recipientUrl}>Open in the app</SafeLink>
          ) : null}
        </div>
      ) : null}
    </Dialog>
  );
}
