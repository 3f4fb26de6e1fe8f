import { useId, useState } from 'react';

/**
 * The saving state every app setting shares: `save(write)` runs one write at a time, calls
 * `onSaved` when it went through, and otherwise keeps the emulator's refusal for {@link SettingError}.
 */
export function useSettingSave(onSaved: () => void) {
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const errorId = useId();
  const save = async (write: () => Promise<unknown>) => {
    setSaving(true);
    try {
      await write();
      setError(null);
      onSaved();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };
  return { error, errorId, saving, save };
}

/** The emulator's refusal of a setting, under its field (the field points at it with `aria-describedby`). */
export function SettingError({ id, error }: { id: string; error: string | null }) {
  return error ? (
    <p id={id} className="error-text" role="alert">
      {error}
    </p>
  ) : null;
}
