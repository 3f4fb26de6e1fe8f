import { useEffect, useState } from 'react';
import { searchRecords } from '../../api/records.ts';
import type { CrmObjectType } from '../../api/types.ts';
import { useAsync } from '../../lib/use-async.ts';
import { hrefFor } from '../../lib/use-hash-route.ts';
import { objectTypeLabels, recordName } from './record-name.ts';

const types = Object.keys(objectTypeLabels) as CrmObjectType[];

/** Object type and a search-as-you-type box over record names; a result opens its record page. */
export function RecordPicker({
  objectType,
  selectedId,
}: {
  objectType: CrmObjectType;
  selectedId: string | null;
}) {
  const [type, setType] = useState<CrmObjectType>(objectType);
  const [q, setQ] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => setType(objectType), [objectType]);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(q), 150);
    return () => clearTimeout(timer);
  }, [q]);
  const results = useAsync((signal) => searchRecords(type, debounced, signal), [type, debounced]);

  return (
    <div className="record-picker-wrap">
      <div className="record-picker">
        <label className="visually-hidden" htmlFor="record-type">
          Object type
        </label>
        <select id="record-type" value={type} onChange={(e) => setType(e.target.value as CrmObjectType)}>
          {types.map((t) => (
            <option key={t} value={t}>
              {objectTypeLabels[t]}s
            </option>
          ))}
        </select>
        <input
          type="search"
          aria-label="Search records by name"
          placeholder="Search name"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      {results.status === 'error' ? <p className="error-text">{results.error.message}</p> : null}
      <ul className="record-results" aria-label="Records">
        {(results.data ?? []).map((record) => (
          <li key={record.id}>
            <a
              href={hrefFor(['records', record.objectType, record.id])}
              className={record.id === selectedId && record.objectType === objectType ? 'active' : ''}
            >
              {recordName(record)}
            </a>
          </li>
        ))}
        {results.data && results.data.length === 0 ? <li className="empty">No records match.</li> : null}
      </ul>
    </div>
  );
}
