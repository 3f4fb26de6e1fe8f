import { type FormEvent, useEffect, useId, useState } from 'react';
import { updateRedirectUrls } from '../../api/oauth.ts';
import type { App } from '../../api/types.ts';

/**
 * The app's OAuth redirect URLs, one per line: `/oauth/authorize` sends the browser back only to
 * one of them, exactly. A refusal (not an http(s) URL) is shown under the field.
 */
export function RedirectUrlsSetting({ app, onSaved }: { app: App; onSaved: () => void }) {
  const current = (app.redirectUrls ?? []).join('\n');
  const [text, setText] = useState(current);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const errorId = useId();
  useEffect(() => setText(current), [current]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    try {
      const urls = text
        .split(/\s+/)
        .map((url) => url.trim())
        .filter(Boolean);
      await updateRedirectUrls(app.id, urls);
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
      <dt>Redirect URLs</dt>
      <dd>
        <form className="inline-form" onSubmit={submit} aria-label={`Redirect URLs of ${app.name}`}>
          <textarea
            aria-label="Redirect URLs"
            aria-describedby={error ? errorId : undefined}
            aria-invalid={error ? true : undefined}
            rows={Math.max(1, (app.redirectUrls ?? []).length)}
            placeholder="https://your.app/oauth-callback"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />{' '}
          <button type="submit" className="button button-secondary button-small" disabled={saving}>
            Register
          </button>
        </form>
        {error ? (
          <p id={errorId} className="error-text" role="alert">
            {error}
          </p>
        ) : null}
        <p className="muted">
          {(app.redirectUrls ?? []).length > 0
            ? 'Install URL: /oauth/authorize?client_id=… &redirect_uri= one of these, exactly.'
            : 'OAuth sends the browser back only to a registered URL: add your callback here.'}
        </p>
      </dd>
    </>
  );
}
