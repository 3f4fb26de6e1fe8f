import { useEffect, useState } from 'react';
import { deleteShare, getShare, listShares, pauseShare, resumeShare, runShare } from '../../api/share-via.ts';
import type { App, Share } from '../../api/types.ts';
import { SafeLink } from '../../components/SafeLink.tsx';
import { useToast } from '../../components/Toasts.tsx';
import { useAsync } from '../../lib/use-async.ts';
import { hrefFor } from '../../lib/use-hash-route.ts';
import { useStream } from '../inspector/use-exchange-stream.ts';
import { RecipientKind } from './RecipientPicker.tsx';

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}

/** The sends of one share, newest first, each with its outcome and recipientUrl. */
function Sends({ share, version }: { share: Share; version: number }) {
  const detail = useAsync((signal) => getShare(share.id, signal), [share.id, share.updatedAt, version]);
  const sends = detail.data?.sends ?? [];
  if (sends.length === 0)
    return <span className="muted">{detail.status === 'loading' ? '…' : 'not sent yet'}</span>;
  return (
    <ul className="sends">
      {sends.slice(0, 3).map((send) => (
        <li key={send.id}>
          <span className={send.outcome === 'ok' ? 'outcome-ok' : 'outcome-error'}>
            {send.outcome === 'ok' ? '✓ Delivered' : '✕ Failed'}
          </span>{' '}
          <span className="muted">{when(send.at)}</span>{' '}
          {send.recipientUrl ? <SafeLink href={send.recipientUrl}>recipientUrl</SafeLink> : null}
          {send.error ? <span className="error-text"> {send.error}</span> : null}{' '}
          {send.exchangeId ? <a href={hrefFor(['inspector', send.exchangeId])}>inspect</a> : null}
        </li>
      ))}
      {sends.length > 3 ? <li className="muted">and {sends.length - 3} earlier</li> : null}
    </ul>
  );
}

/** Every share with its outcome; recurring ones can be paused, resumed, run now or deleted. */
export function SharesHistory({ apps, version }: { apps: readonly App[]; version: number }) {
  const { lastShareSend } = useStream();
  const [sendVersion, setSendVersion] = useState(0);
  useEffect(() => {
    if (lastShareSend) setSendVersion((v) => v + 1);
  }, [lastShareSend]);
  const shares = useAsync((signal) => listShares(signal), [version, sendVersion]);
  const toast = useToast();
  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      toast({ tone: 'success', title: done });
      shares.reload();
    } catch (err) {
      toast({
        tone: 'error',
        title: 'Could not change the share',
        detail: err instanceof Error ? err.message : String(err),
      });
    }
  };
  const appName = (id: number) => apps.find((a) => a.id === id)?.name ?? `App ${id}`;
  const list = [...(shares.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  return (
    <section className="panel" aria-label="Shares">
      <h2 className="panel-title">Shares</h2>
      {shares.status === 'error' ? <p className="notice notice-error">{shares.error.message}</p> : null}
      {list.length === 0 ? (
        <p className="muted">Nothing shared yet: open a report's Actions → Share via.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Report</th>
              <th>Recipient</th>
              <th>Frequency</th>
              <th>Outcome</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {list.map((share) => (
              <tr key={share.id} data-share-id={share.id}>
                <td>
                  <strong>{share.objectMetadata.name}</strong>
                  <div className="muted">via {appName(share.appId)}</div>
                </td>
                <td>
                  {share.recipient.name} <RecipientKind type={share.recipient.type} />
                  {share.message ? <div className="muted">“{share.message}”</div> : null}
                </td>
                <td>
                  {share.frequency === 'now' ? 'Once' : share.frequency}{' '}
                  <span className={`pill ${share.status === 'paused' ? 'pill-warn' : 'pill-ui'}`}>
                    {share.status}
                  </span>
                  {share.nextRunAt && share.status === 'active' ? (
                    <div className="muted">next {when(share.nextRunAt)}</div>
                  ) : null}
                </td>
                <td>
                  <Sends share={share} version={sendVersion} />
                </td>
                <td>
                  <div className="report-row-actions">
                    {share.cron !== null && share.status === 'active' ? (
                      <button
                        type="button"
                        className="button button-tertiary button-small"
                        onClick={() => void act(() => pauseShare(share.id), 'Share paused')}
                      >
                        Pause
                      </button>
                    ) : null}
                    {share.cron !== null && share.status === 'paused' ? (
                      <button
                        type="button"
                        className="button button-tertiary button-small"
                        onClick={() => void act(() => resumeShare(share.id), 'Share resumed')}
                      >
                        Resume
                      </button>
                    ) : null}
                    {share.cron !== null ? (
                      <button
                        type="button"
                        className="button button-tertiary button-small"
                        onClick={() => void act(() => runShare(share.id), 'Sent now')}
                      >
                        Send now
                      </button>
                    ) : null}
                    <button
                      type="button"
                      className="button button-danger button-small"
                      aria-label={`Delete share of ${share.objectMetadata.name} to ${share.recipient.name}`}
                      onClick={() => void act(() => deleteShare(share.id), 'Share deleted')}
                    >
                      Delete
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
