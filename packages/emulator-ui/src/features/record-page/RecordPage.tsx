import { getRecord, searchRecords } from '../../api/records.ts';
import type { CrmObjectType } from '../../api/types.ts';
import { useAsync } from '../../lib/use-async.ts';
import { CardSidebar } from './CardSidebar.tsx';
import { RecordPicker } from './RecordPicker.tsx';
import { RecordSummary } from './RecordSummary.tsx';
import { objectTypeLabels } from './record-name.ts';

function isObjectType(value: string | undefined): value is CrmObjectType {
  return value !== undefined && value in objectTypeLabels;
}

/**
 * A CRM record page: left, the record picker and the record's summary; middle, an activity
 * placeholder; right, the sidebar of app cards. Route: `#/records/{type}/{id}`.
 */
export function RecordPage({ segments }: { segments: readonly string[] }) {
  const objectType: CrmObjectType = isObjectType(segments[0]) ? segments[0] : 'contacts';
  const id = segments[1] ?? null;
  // Without an id, open the first record of the type, as HubSpot's index would.
  const loaded = useAsync(
    async (signal) =>
      id ? getRecord(objectType, id, signal) : ((await searchRecords(objectType, '', signal))[0] ?? null),
    [objectType, id],
  );
  const record = loaded.status === 'error' ? null : (loaded.data ?? null);

  return (
    <div className="record-layout">
      <section className="record-summary" aria-label="Record">
        <RecordPicker objectType={objectType} selectedId={record?.id ?? null} />
        {record ? <RecordSummary record={record} /> : null}
        {loaded.status === 'error' ? <p className="notice notice-error">{loaded.error.message}</p> : null}
        {loaded.status === 'ready' && !record ? <p className="empty">No {objectType} yet.</p> : null}
      </section>
      <section className="record-activity" aria-label="Activity">
        <div className="activity-tabs" aria-hidden="true">
          <span>Activity</span>
          <span>Notes</span>
          <span>Emails</span>
          <span>Calls</span>
          <span>Tasks</span>
        </div>
        <div className="activity-item">
          <strong>Record opened in the emulator</strong>
          <p className="muted">
            Opening a record sends a signed data fetch to every card for its type. Watch them arrive in the
            Inspector.
          </p>
        </div>
        <div className="activity-item muted">Emails, calls and notes are not emulated.</div>
      </section>
      {record ? (
        <CardSidebar
          key={`${record.objectType}/${record.id}`}
          record={record}
          onRecordChange={loaded.reload}
        />
      ) : (
        <aside className="record-sidebar" />
      )}
    </div>
  );
}
