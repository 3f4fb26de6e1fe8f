import { type FormEvent, useEffect, useId, useState } from 'react';
import { SettingError, useSettingSave } from './use-setting-save.tsx';

/**
 * How a URL list is typed: one per line, and since a URL holds no whitespace, any space or tab
 * separates entries too (a pasted `a b` is two URLs, never one the emulator would refuse as malformed).
 */
export function splitUrlList(text: string): string[] {
  return text.split(/\s+/).filter((url) => url !== '');
}

export interface UrlListSettingProps {
  /** The setting's name in the app's details list. */
  term: string;
  /** The form's accessible name. */
  formLabel: string;
  /** The field's accessible name. */
  fieldLabel: string;
  placeholder: string;
  button: string;
  urls: readonly string[] | undefined;
  /** Writes the typed list; a rejection is the emulator's refusal, shown under the field. */
  write: (urls: string[]) => Promise<unknown>;
  onSaved: () => void;
  /** What the list does now, under the field. */
  hint: string;
}

/** An app setting that is a list of URLs (permitted URLs, OAuth redirect URLs): a textarea, one per line. */
export function UrlListSetting(props: UrlListSettingProps) {
  const current = (props.urls ?? []).join('\n');
  const [text, setText] = useState(current);
  const { error, errorId, saving, save } = useSettingSave(props.onSaved);
  const hintId = useId();
  useEffect(() => setText(current), [current]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(() => props.write(splitUrlList(text)));
  };
  return (
    <>
      <dt>{props.term}</dt>
      <dd>
        <form className="inline-form" onSubmit={submit} aria-label={props.formLabel}>
          <textarea
            aria-label={props.fieldLabel}
            aria-describedby={error ? `${errorId} ${hintId}` : hintId}
            aria-invalid={error ? true : undefined}
            placeholder={props.placeholder}
            rows={Math.max(2, text.split('\n').length)}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />{' '}
          <button type="submit" className="button button-secondary button-small" disabled={saving}>
            {props.button}
          </button>
        </form>
        <SettingError id={errorId} error={error} />
        <p id={hintId} className="muted">
          {props.hint}
        </p>
      </dd>
    </>
  );
}
