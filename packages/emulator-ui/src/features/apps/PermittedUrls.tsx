import type { PermittedUrls as PermittedUrlLists } from '@spoke/protocol';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { updateAppSettings } from '../../api/apps.ts';
import type { App } from '../../api/types.ts';

const lines = (urls: readonly string[] | undefined) => (urls ?? []).join('\n');

/**
 * The app's `permittedUrls.fetch` as in HubSpot's app-hsmeta.json, one URL per line: in converter
 * mode the emulator marks a data fetch or hook outside them "refused in production" and still
 * delivers it. The `iframe` and `img` lists are kept as they are. A refusal is shown under the field.
 */
export function PermittedUrls({ app, onSaved }: { app: App; onSaved: () => void }) {
  const current = app.permittedUrls ?? null;
  const [text, setText] = useState(lines(current?.fetch));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const errorId = useId();
  const hintId = useId();
  useEffect(() => setText(lines(current?.fetch)), [current?.fetch]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fetch = text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    const { fetch: _old, ...others } = current ?? {};
    const next: PermittedUrlLists | null =
      fetch.length === 0 && Object.keys(others).length === 0 ? null : { ...others, fetch };
    setSaving(true);
    try {
      await updateAppSettings(app.id, { permittedUrls: next });
      setError(null);
      onSaved();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <dt>Permitted URLs</dt>
      <dd>
        <form className="inline-form" onSubmit={submit} aria-label={`Permitted URLs of ${app.name}`}>
          <textarea
            aria-label="permittedUrls.fetch"
            aria-describedby={error ? `${errorId} ${hintId}` : hintId}
            aria-invalid={error ? true : undefined}
            placeholder="https://app.example.com"
            rows={Math.max(2, text.split('\n').length)}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />{' '}
          <button type="submit" className="button button-secondary button-small" disabled={saving}>
            Set permitted URLs
          </button>
        </form>
        {error ? (
          <p id={errorId} className="error-text" role="alert">
            {error}
          </p>
        ) : null}
        <p id={hintId} className="muted">
          {current?.fetch && current.fetch.length > 0
            ? `hubspot.fetch may call ${current.fetch.join(', ')}. In converter mode a data fetch or hook elsewhere, over http or to localhost is marked "refused in production" in the inspector, and still delivered.`
            : 'permittedUrls.fetch, one https:// URL per line, as in app-hsmeta.json: the card converter calls the targetUrl and every hook through hubspot.fetch, which refuses anything not listed here.'}
        </p>
      </dd>
    </>
  );
}
