import { useState } from 'react';
import { connectNumber, fetchNumbers } from '../../api/calling.ts';
import type { NumbersResult } from '../../api/types.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { useToast } from '../../components/Toasts.tsx';
import { useStream } from '../inspector/use-exchange-stream.ts';
import { NumberPicker } from './NumberPicker.tsx';
import type { Provider } from './use-providers.ts';

type Numbers =
  | { status: 'idle' }
  | { status: 'loading'; appId: number }
  | { status: 'ready'; appId: number; result: NumbersResult }
  | { status: 'failed'; appId: number; message: string };

/**
 * Help desk → Connect channel → Calling: pick a provider (greyed out while isReady is false,
 * unless the local-storage override is on), then one of its numbers, then Connect.
 */
export function ConnectChannelDialog({
  providers,
  override,
  onClose,
  onConnected,
}: {
  providers: readonly Provider[];
  override: boolean;
  onClose: () => void;
  onConnected: () => void;
}) {
  const [channel, setChannel] = useState<'calling' | null>(null);
  const [numbers, setNumbers] = useState<Numbers>({ status: 'idle' });
  const [selected, setSelected] = useState<string | null>(null);
  const [connecting, setConnecting] = useState(false);
  const { add } = useStream();
  const toast = useToast();
  const appId = numbers.status === 'idle' ? null : numbers.appId;

  const pick = async (provider: Provider) => {
    setSelected(null);
    setNumbers({ status: 'loading', appId: provider.app.id });
    try {
      const result = await fetchNumbers(provider.app.id, override);
      add(result.exchanges);
      if (result.status === 'ok') setNumbers({ status: 'ready', appId: provider.app.id, result });
      else
        setNumbers({
          status: 'failed',
          appId: provider.app.id,
          message: result.error?.message ?? 'the app failed',
        });
    } catch (err) {
      setNumbers({
        status: 'failed',
        appId: provider.app.id,
        message: err instanceof Error ? err.message : String(err),
      });
    }
  };

  const connect = async () => {
    if (appId === null || !selected) return;
    setConnecting(true);
    try {
      const connected = await connectNumber(appId, selected, override);
      toast({
        tone: 'success',
        title: `Connected ${connected.friendlyName}`,
        detail: connected.e164PhoneNumber,
      });
      onConnected();
      onClose();
    } catch (err) {
      toast({
        tone: 'error',
        title: 'Could not connect the number',
        detail: err instanceof Error ? err.message : String(err),
      });
    } finally {
      setConnecting(false);
    }
  };

  return (
    <Dialog
      title="Connect a channel"
      width={640}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button button-secondary" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={!selected || connecting}
            onClick={() => void connect()}
          >
            {connecting ? 'Connecting…' : 'Connect'}
          </button>
        </>
      }
    >
      <fieldset>
        <legend>Channel</legend>
        <div className="app-choices">
          <button
            type="button"
            className="app-choice"
            aria-pressed={channel === 'calling'}
            onClick={() => setChannel('calling')}
          >
            <span className="app-logo" aria-hidden="true">
              ☎
            </span>
            <span>
              <strong>Calling</strong>
              <br />
              <span className="muted">Route calls from a provider's number into the help desk</span>
            </span>
          </button>
          <button type="button" className="app-choice" disabled>
            <span className="app-logo" aria-hidden="true">
              ✉
            </span>
            <span>
              <strong>Email</strong>
              <br />
              <span className="muted">Not emulated</span>
            </span>
          </button>
        </div>
      </fieldset>
      {channel === 'calling' ? (
        <fieldset>
          <legend>Calling provider</legend>
          {providers.length === 0 ? <p className="muted">No app registered a channel connection.</p> : null}
          <div className="provider-list">
            {providers.map((provider) => {
              const available = provider.channel.isReady || override;
              return (
                <button
                  key={provider.app.id}
                  type="button"
                  className="provider"
                  disabled={!available}
                  aria-pressed={appId === provider.app.id}
                  title={available ? provider.channel.url : 'Not ready (isReady=false)'}
                  onClick={() => void pick(provider)}
                >
                  <span className="app-logo" aria-hidden="true">
                    {Array.from(provider.name)[0]?.toUpperCase()}
                  </span>
                  <span>
                    <strong>{provider.name}</strong>
                    <small>
                      {provider.channel.isReady
                        ? 'Ready'
                        : override
                          ? 'isReady=false · override on'
                          : 'Coming soon'}
                    </small>
                  </span>
                </button>
              );
            })}
          </div>
          {numbers.status === 'loading' ? <p className="notice">Asking the app for its numbers…</p> : null}
          {numbers.status === 'failed' ? (
            <p className="notice notice-error" role="alert">
              The app's numbers could not be loaded: {numbers.message}
            </p>
          ) : null}
          {numbers.status === 'ready' ? (
            <NumberPicker numbers={numbers.result.numbers} selected={selected} onSelect={setSelected} />
          ) : null}
        </fieldset>
      ) : null}
    </Dialog>
  );
}
