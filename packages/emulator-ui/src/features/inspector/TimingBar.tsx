import type { Exchange } from '../../api/types.ts';
import { uiLimits } from '../../lib/limits.ts';

/** Connect and total time drawn against the platform's 3 s / 5 s budget. docs/protocol.md §2.2. */
export function TimingBar({ timing }: { timing: Exchange['timing'] }) {
  const { connectDeadlineMs, totalDeadlineMs } = uiLimits;
  const scale = Math.max(totalDeadlineMs, timing.totalMs) * 1.1;
  const pct = (ms: number) => `${Math.min(100, (ms / scale) * 100)}%`;
  const over = timing.totalMs > totalDeadlineMs || (timing.connectMs ?? 0) > connectDeadlineMs;
  return (
    <div className="timing-wrap">
      <div
        className="timing"
        role="img"
        aria-label={`connect ${timing.connectMs ?? 'n/a'} ms, total ${timing.totalMs} ms of a ${totalDeadlineMs} ms budget`}
      >
        {timing.connectMs !== null ? (
          <div className="timing-connect" style={{ width: pct(timing.connectMs) }} />
        ) : null}
        <div className={`timing-total ${over ? 'over' : ''}`} style={{ width: pct(timing.totalMs) }} />
        <div className="timing-mark" style={{ left: pct(connectDeadlineMs) }} title="3 s connect budget" />
        <div className="timing-mark" style={{ left: pct(totalDeadlineMs) }} title="5 s total budget" />
      </div>
      <span className="timing-label" style={{ left: pct(connectDeadlineMs) }}>
        connect {connectDeadlineMs / 1000} s
      </span>
      <span className="timing-label" style={{ left: pct(totalDeadlineMs) }}>
        total {totalDeadlineMs / 1000} s
      </span>
      <div className="timing-legend">
        <span>
          Connect: {timing.connectMs === null ? 'n/a' : `${timing.connectMs} ms`} (budget{' '}
          {connectDeadlineMs / 1000} s)
        </span>
        <span>
          Total: <strong className={over ? 'error-text' : ''}>{timing.totalMs} ms</strong> (budget{' '}
          {totalDeadlineMs / 1000} s)
        </span>
        <span>{over ? 'Over budget: HubSpot would show an error' : 'Within budget'}</span>
      </div>
    </div>
  );
}
