import { useEffect, useState } from 'react';
import { listPortals } from '../../api/apps.ts';
import { searchRecords } from '../../api/records.ts';
import type { CrmObjectType, Portal } from '../../api/types.ts';
import { useAsync } from '../../lib/use-async.ts';
import { hrefFor } from '../../lib/use-hash-route.ts';
import { objectTypeLabels, recordName } from './record-name.ts';

const types = Object.keys(objectTypeLabels) as CrmObjectType[];

/** `Spoke Test Portal · 62515`: a portal as a record row names it (its id alone until portals load). */
function portalLabel(portal: Portal | undefined, portalId: number): string {
  return portal ? `${portal.name} · ${portalId}` : `Portal ${portalId}`;
}

/**
 * Object type and a search-as-you-type box over record names; a result opens its record page. Each
 * result names the portal the record belongs to (records of every portal are listed), and with
 * several portals a select narrows the list to one.
 */
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
  const [portalId, setPortalId] = useState<number | null>(null);
  const portals = useAsync((signal) => listPortals(signal), []);
  const portalList = portals.data ?? [];
  const results = useAsync(
    (signal) => searchRecords(type, debounced, signal, portalId),
    [type, debounced, portalId],
  );

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
        {portalList.length > 1 ? (
          <select
            aria-label="Portal"
            className="record-portal-filter"
            value={portalId ?? ''}
            onChange={(e) => setPortalId(e.target.value === '' ? null : Number(e.target.value))}
          >
            <option value="">All portals</option>
            {portalList.map((portal) => (
              <option key={portal.id} value={portal.id}>
                {portalLabel(portal, portal.id)}
              </option>
            ))}
          </select>
        ) : null}
      </div>
      {results.status === 'error' ? <p className="error-text">{results.error.message}</p> : null}
      <ul className="record-results" aria-label="Records">
        {(results.data ?? []).map((record) => {
          const portal = portalList.find((p) => p.id === record.portalId);
          return (
            <li key={record.id}>
              <a
                href={hrefFor(['records', record.objectType, record.id])}
                className={record.id === selectedId && record.objectType === objectType ? 'active' : ''}
              >
                <span className="record-result-name">{recordName(record)}</span>
                <span
                  className="record-result-portal muted"
                  {...(portal ? { title: `Portal ${portal.id}: ${portal.name}, ${portal.domain}` } : {})}
                >
                  {portalLabel(portal, record.portalId)}
                </span>
              </a>
            </li>
          );
        })}
        {results.data && results.data.length === 0 ? <li className="empty">No records match.</li> : null}
      </ul>
    </div>
  );
}
