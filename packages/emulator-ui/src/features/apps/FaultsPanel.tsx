import { type FormEvent, useState } from 'react';
import { addFault, type FaultInput, listFaults, removeFault, updateFault } from '../../api/apps.ts';
import type { App, Fault } from '../../api/types.ts';
import { useToast } from '../../components/Toasts.tsx';
import { useAsync } from '../../lib/use-async.ts';

/** The signature faults, each a boolean (or a version) on the fault. */
const signatureFaults = {
  corruptSignature: 'Corrupt signature',
  staleTimestamp: 'Stale timestamp (> 5 min old)',
  futureTimestamp: 'Future timestamp (> 5 min ahead)',
  v1Only: 'Only a v1 signature',
  v2Only: 'Only a v2 signature',
} as const;
type SignatureFault = keyof typeof signatureFaults;

function signatureFields(choice: SignatureFault | ''): FaultInput {
  switch (choice) {
    case 'corruptSignature':
    case 'staleTimestamp':
    case 'futureTimestamp':
      return { [choice]: true };
    case 'v1Only':
      return { signatureVersion: 'v1' };
    case 'v2Only':
      return { signatureVersion: 'v2' };
    default:
      return {};
  }
}

/** One line saying what a fault does and to which calls. */
export function describeFault(fault: Fault, apps: readonly App[]): string {
  const parts: string[] = [];
  if (fault.latencyMs !== undefined) parts.push(`+${fault.latencyMs} ms latency`);
  if (fault.forceStatus !== undefined) parts.push(`answer ${fault.forceStatus}`);
  if (fault.dropConnection) parts.push('drop the connection');
  if (fault.corruptSignature) parts.push('corrupt signature');
  if (fault.staleTimestamp) parts.push('stale timestamp');
  if (fault.futureTimestamp) parts.push('future timestamp');
  if (fault.signatureVersion) parts.push(`sign with ${fault.signatureVersion} only`);
  const app =
    fault.appId === null
      ? 'all apps'
      : (apps.find((a) => a.id === fault.appId)?.name ?? `app ${fault.appId}`);
  return `${parts.join(', ') || 'no effect'} · ${app}${fault.target ? ` · ${fault.target}…` : ''}`;
}

/** Fault injection: slow or failing replies, dropped connections, broken signatures. */
export function FaultsPanel({ apps }: { apps: readonly App[] }) {
  const faults = useAsync((signal) => listFaults(signal), []);
  const toast = useToast();
  const [appId, setAppId] = useState('');
  const [latency, setLatency] = useState('');
  const [status, setStatus] = useState('');
  const [drop, setDrop] = useState(false);
  const [signature, setSignature] = useState<SignatureFault | ''>('');
  const [target, setTarget] = useState('');

  const act = async (work: () => Promise<unknown>): Promise<boolean> => {
    try {
      await work();
      faults.reload();
      return true;
    } catch (err) {
      toast({
        tone: 'error',
        title: 'Fault not saved',
        detail: err instanceof Error ? err.message : String(err),
      });
      return false;
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input: FaultInput = {
      appId: appId ? Number(appId) : null,
      target: target.trim() || null,
      ...(latency ? { latencyMs: Number(latency) } : {}),
      ...(status ? { forceStatus: Number(status) } : {}),
      ...(drop ? { dropConnection: true } : {}),
      ...signatureFields(signature),
    };
    if (await act(() => addFault(input))) {
      setLatency('');
      setStatus('');
      setDrop(false);
      setSignature('');
    }
  };

  return (
    <section className="panel" aria-label="Fault injection">
      <h2 className="panel-title">Fault injection</h2>
      {(faults.data ?? []).map((fault) => (
        <div key={fault.id} className="fault-row">
          <label className="toggle">
            <input
              type="checkbox"
              checked={fault.enabled}
              onChange={(e) => void act(() => updateFault(fault.id, { enabled: e.target.checked }))}
            />
            {describeFault(fault, apps)}
          </label>
          <span className="spacer" />
          <button type="button" className="link-button" onClick={() => void act(() => removeFault(fault.id))}>
            Remove
          </button>
        </div>
      ))}
      {faults.data && faults.data.length === 0 ? (
        <p className="muted">No faults: every call goes through.</p>
      ) : null}
      <form onSubmit={(e) => void submit(e)} className="fault-form">
        <h3 className="section-title">Add a fault</h3>
        <label className="field">
          <span>App</span>
          <select value={appId} onChange={(e) => setAppId(e.target.value)}>
            <option value="">All apps</option>
            {apps.map((app) => (
              <option key={app.id} value={app.id}>
                {app.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Only URLs starting with (optional)</span>
          <input
            type="url"
            value={target}
            placeholder="https://…"
            onChange={(e) => setTarget(e.target.value)}
          />
        </label>
        <div className="field-row">
          <label className="field">
            <span>Extra latency (ms)</span>
            <input type="number" min={0} value={latency} onChange={(e) => setLatency(e.target.value)} />
          </label>
          <label className="field">
            <span>Answer status</span>
            <input
              type="number"
              min={100}
              max={599}
              value={status}
              onChange={(e) => setStatus(e.target.value)}
            />
          </label>
        </div>
        <label className="field">
          <span>Signature</span>
          <select value={signature} onChange={(e) => setSignature(e.target.value as SignatureFault | '')}>
            <option value="">Signed correctly (v2 + v3)</option>
            {Object.entries(signatureFaults).map(([id, label]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="toggle">
          <input type="checkbox" checked={drop} onChange={(e) => setDrop(e.target.checked)} /> Drop the
          connection
        </label>
        <div className="form-actions">
          <button type="submit" className="button button-secondary">
            Add fault
          </button>
        </div>
      </form>
    </section>
  );
}
