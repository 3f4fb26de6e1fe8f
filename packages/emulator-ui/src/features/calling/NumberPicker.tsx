import type { PickerNumber } from '../../api/types.ts';
import { uiLimits } from '../../lib/limits.ts';
import { truncate } from '../../lib/truncate.ts';

/**
 * The numbers an app offers: friendlyName cut to 24 characters; a number with an extension is
 * listed but cannot be selected. docs/protocol.md §4.2.
 */
export function NumberPicker({
  numbers,
  selected,
  onSelect,
}: {
  numbers: readonly PickerNumber[];
  selected: string | null;
  onSelect: (e164: string) => void;
}) {
  if (numbers.length === 0) return <p className="muted">This app offered no numbers.</p>;
  return (
    <fieldset>
      <legend>Phone number</legend>
      <ul className="number-list">
        {numbers.map((number) => {
          const selectable = number.selectable && !number.extension;
          const name = truncate(number.displayName || number.friendlyName, uiLimits.friendlyNameMaxLength);
          return (
            <li key={`${number.e164PhoneNumber}:${number.extension ?? ''}`}>
              <label className={`number-option ${selectable ? '' : 'disabled'}`}>
                <input
                  type="radio"
                  name="phone-number"
                  value={number.e164PhoneNumber}
                  disabled={!selectable}
                  checked={selected === number.e164PhoneNumber && selectable}
                  onChange={() => onSelect(number.e164PhoneNumber)}
                />
                <span className="number-name" title={number.friendlyName}>
                  {name}
                </span>
                <span className="number-e164">
                  {number.e164PhoneNumber}
                  {number.extension ? ` ext. ${number.extension}` : ''}
                </span>
                {!selectable ? (
                  <span className="number-note muted">
                    {number.note ?? 'Numbers with an extension cannot be connected'}
                  </span>
                ) : null}
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
