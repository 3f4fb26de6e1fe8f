import type { Recipient, RecipientType } from '@spoke/protocol';
import { useEffect, useState } from 'react';
import { fetchRecipients, type RecipientsCursor } from '../../api/share-via.ts';

interface Page {
  recipients: Recipient[];
  total: number;
  next: RecipientsCursor | null;
}

/** Channel or user, told apart by icon and label. docs/protocol.md §3: 0 = channel, 1 = user. */
export function RecipientKind({ type }: { type: 0 | 1 }) {
  return <span className="recipient-kind">{type === 0 ? 'Channel' : 'User'}</span>;
}

/** The type filter choices: everything, or `recipientsFilter.type` 0 (channels) or 1 (users). */
const typeChoices: { label: string; type: RecipientType | undefined }[] = [
  { label: 'All', type: undefined },
  { label: 'Channels', type: 0 },
  { label: 'Users', type: 1 },
];

/**
 * The recipient picker: channels, users or both (FETCH_RECIPIENTS' `recipientsFilter.type`),
 * search-as-you-type (its name filter), and paging with the service's cursor, or by total when it
 * gives none.
 */
export function RecipientPicker({
  appId,
  selected,
  onSelect,
}: {
  appId: number;
  selected: Recipient | null;
  onSelect: (recipient: Recipient) => void;
}) {
  const [name, setName] = useState('');
  const [query, setQuery] = useState('');
  const [type, setType] = useState<RecipientType | undefined>(undefined);
  // Cursors of the pages shown so far; the last one is the current page.
  const [cursors, setCursors] = useState<(RecipientsCursor | null)[]>([null]);
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const cursor = cursors[cursors.length - 1] ?? null;

  useEffect(() => {
    if (name === query) return;
    // Search as you type: wait for a pause, then start again from the first page.
    const timer = setTimeout(() => {
      setQuery(name);
      setCursors([null]);
    }, 250);
    return () => clearTimeout(timer);
  }, [name, query]);

  useEffect(() => {
    let live = true;
    setLoading(true);
    fetchRecipients(appId, { name: query, cursor, ...(type === undefined ? {} : { type }) }).then(
      (out) => {
        if (!live) return;
        setLoading(false);
        if (out.page) {
          setPage(out.page);
          setError(null);
        } else {
          setError(out.ok ? 'no recipients in the reply' : out.message);
        }
      },
      (err: unknown) => {
        if (!live) return;
        setLoading(false);
        setError(err instanceof Error ? err.message : String(err));
      },
    );
    return () => {
      live = false;
    };
  }, [appId, query, cursor, type]);

  const pageNumber = cursors.length;
  const start = (cursor?.offset ?? 0) + 1;
  const end = (cursor?.offset ?? 0) + (page?.recipients.length ?? 0);
  return (
    <fieldset>
      <legend>Recipient</legend>
      <div className="frequency" role="radiogroup" aria-label="Show">
        {typeChoices.map((choice) => (
          <label key={choice.label}>
            <input
              type="radio"
              name="recipient-type"
              checked={type === choice.type}
              onChange={() => {
                // A new filter starts again from the first page.
                setType(choice.type);
                setCursors([null]);
              }}
            />
            {choice.label}
          </label>
        ))}
      </div>
      <input
        type="search"
        aria-label="Search recipients"
        placeholder="Search channels and users"
        value={name}
        onChange={(e) => setName(e.target.value)}
        style={{ width: '100%' }}
      />
      {error ? <p className="notice notice-error">Could not load recipients: {error}</p> : null}
      <ul className="recipient-list" aria-label="Recipients" aria-busy={loading}>
        {page?.recipients.map((recipient) => (
          <li key={`${recipient.type}:${recipient.id}`}>
            <button
              type="button"
              className="recipient-option"
              aria-pressed={selected?.id === recipient.id && selected.type === recipient.type}
              onClick={() => onSelect(recipient)}
            >
              <span className="recipient-icon" aria-hidden="true">
                {recipient.type === 0 ? '#' : '●'}
              </span>
              {recipient.name}
              <RecipientKind type={recipient.type} />
            </button>
          </li>
        ))}
        {page && page.recipients.length === 0 ? <li className="empty">No recipients match.</li> : null}
      </ul>
      <div className="pager">
        <span aria-live="polite">
          {page && page.recipients.length > 0 ? `Page ${pageNumber} · ${start}–${end} of ${page.total}` : ''}
          {loading ? ' · loading…' : ''}
        </span>
        <span>
          <button
            type="button"
            className="button button-tertiary button-small"
            disabled={cursors.length <= 1 || loading}
            onClick={() => setCursors(cursors.slice(0, -1))}
          >
            ‹ Previous
          </button>{' '}
          <button
            type="button"
            className="button button-tertiary button-small"
            disabled={!page?.next || loading}
            onClick={() => page?.next && setCursors([...cursors, page.next])}
          >
            Next page ›
          </button>
        </span>
      </div>
    </fieldset>
  );
}
