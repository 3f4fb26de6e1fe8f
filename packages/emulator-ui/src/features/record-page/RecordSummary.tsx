import type { CrmRecord } from '../../api/types.ts';
import { objectTypeLabels, recordName } from './record-name.ts';

/** The left column of a record page: avatar, name, and the record's properties as text. */
export function RecordSummary({ record }: { record: CrmRecord }) {
  const name = recordName(record);
  const initials = name
    .split(/\s+/)
    .map((part) => Array.from(part)[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
  const entries = Object.entries(record.properties);
  return (
    <div className="record-summary-card">
      <div className="avatar" aria-hidden="true">
        {initials}
      </div>
      <h1 className="record-name">{name}</h1>
      <p className="record-subtitle">
        {objectTypeLabels[record.objectType]} · ID {record.id}
      </p>
      <h2 className="section-title">About this {objectTypeLabels[record.objectType].toLowerCase()}</h2>
      <dl className="record-props">
        {entries.map(([key, value]) => (
          <div key={key}>
            <dt>{key}</dt>
            <dd>{value || '—'}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
