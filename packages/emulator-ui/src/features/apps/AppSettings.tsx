import type { PlatformMode } from '@spoke/protocol';
import { type FormEvent, useEffect, useState } from 'react';
import { updateAppSettings } from '../../api/apps.ts';
import type { App } from '../../api/types.ts';
import { PermittedUrls } from './PermittedUrls.tsx';
import { SettingError, useSettingSave } from './use-setting-save.tsx';

const shapes: { id: PlatformMode | ''; label: string }[] = [
  { id: '', label: "The emulator's mode" },
  { id: 'converter', label: 'Card converter' },
  { id: 'legacy', label: 'Legacy CRM cards' },
];

/**
 * The two settings of an app that decide what its service receives: the public URL HubSpot would
 * call (calls are signed for it and delivered to the card's own URL, as a tunnel would) and the
 * request shape (legacy CRM cards or HubSpot's card converter). A refusal is shown under the field.
 */
export function AppSettings({ app, onSaved }: { app: App; onSaved: () => void }) {
  const [publicUrl, setPublicUrl] = useState(app.publicUrl ?? '');
  const { error, errorId, saving, save: write } = useSettingSave(onSaved);
  // What the emulator warns about a switch to converter mode: cards HubSpot's converter refuses.
  const [modeWarnings, setModeWarnings] = useState<string[]>([]);
  useEffect(() => setPublicUrl(app.publicUrl ?? ''), [app.publicUrl]);

  const save = (patch: Parameters<typeof updateAppSettings>[1]) =>
    write(() => updateAppSettings(app.id, patch, 'mode' in patch ? setModeWarnings : undefined));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = publicUrl.trim();
    void save({ publicUrl: value === '' ? null : value });
  };

  return (
    <>
      <dt>Public URL</dt>
      <dd>
        <form className="inline-form" onSubmit={submit} aria-label={`Public URL of ${app.name}`}>
          <input
            type="text"
            aria-label="Public URL"
            aria-describedby={error ? errorId : undefined}
            aria-invalid={error ? true : undefined}
            placeholder="https://abc.ngrok.app"
            value={publicUrl}
            onChange={(e) => setPublicUrl(e.target.value)}
          />{' '}
          <button type="submit" className="button button-secondary button-small" disabled={saving}>
            Save
          </button>
        </form>
        <SettingError id={errorId} error={error} />
        <p className="muted">
          {app.publicUrl
            ? `Calls are signed for ${app.publicUrl.replace(/\/+$/, '')} + the path and query, and delivered to the card's own URL with Host ${new URL(app.publicUrl).host}, as a tunnel would.`
            : 'Behind a tunnel or proxy, your service verifies against the URL HubSpot calls: set it here.'}
        </p>
      </dd>
      <dt>Request shape</dt>
      <dd>
        <select
          aria-label="Request shape"
          value={app.mode ?? ''}
          disabled={saving}
          onChange={(e) =>
            void save({ mode: e.target.value === '' ? null : (e.target.value as PlatformMode) })
          }
        >
          {shapes.map((shape) => (
            <option key={shape.id} value={shape.id}>
              {shape.label}
            </option>
          ))}
        </select>
        {modeWarnings.length > 0 ? (
          <div className="converter-alert" role="status" aria-label="Cards the converter refuses">
            <p>HubSpot's card converter would show "Configuration Issues Detected" instead of:</p>
            <ul>
              {modeWarnings.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </dd>
      <PermittedUrls app={app} onSaved={onSaved} />
    </>
  );
}
