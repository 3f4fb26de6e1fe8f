import { type XssVector, xssVectors } from './xss-vectors.ts';

/** The screen a field shows up on (for the summary table). */
export type Surface = 'record' | 'iframe' | 'share' | 'calling' | 'apps' | 'inspector';

/** One vector put into one field: what was sent and what the screen must show for it. */
export interface Placement {
  /** `vectorId@fieldId~n`: what the hook reports if this placement ever runs. */
  tag: string;
  vector: XssVector;
  field: string;
  surface: Surface;
  /** The hostile string itself. */
  value: string;
  /**
   * Text (or attribute value) the screen must contain, proving the string was rendered and not
   * dropped; null when the UI does not show this field (it still must not execute).
   */
  shown: string | null;
}

export interface PickOptions {
  /** Which vectors fit the field: `url` for fields the UI may link or load. @default 'any' */
  kind?: XssVector['kind'] | 'any';
  /** How the UI shows the value; `null` for a field that is not displayed. @default the value itself */
  shown?: ((value: string) => string) | null;
  /** Keep only vectors whose value passes (e.g. header-safe). */
  accept?: (value: string) => boolean;
}

/**
 * Hands out vectors to fields in a fixed rotation (one cursor per kind), so every field gets
 * several different vectors and every vector lands in several fields, the same way every run.
 */
export class PlacementPlan {
  readonly placements: Placement[] = [];
  private readonly cursors = new Map<string, number>();

  /** `count` placements for `field`, each a different vector. */
  pick(surface: Surface, field: string, count: number, options: PickOptions = {}): Placement[] {
    const kind = options.kind ?? 'any';
    const pool = xssVectors.filter((v) => kind === 'any' || v.kind === kind);
    const out: Placement[] = [];
    let cursor = this.cursors.get(kind) ?? 0;
    for (let tries = 0; out.length < count && tries < pool.length * 2; tries++) {
      const vector = pool[cursor % pool.length] as XssVector;
      cursor += 1;
      // Only [A-Za-z0-9.@~-]: a tag never breaks the vector it sits in (e.g. an unquoted attribute).
      const tag = `${vector.id}@${field.replace(/[^A-Za-z0-9.]+/g, '-')}~${this.placements.length}`;
      const value = vector.make(tag);
      if (options.accept && !options.accept(value)) continue;
      const shown = options.shown === null ? null : (options.shown ?? ((v: string) => v))(value);
      const placement: Placement = { tag, vector, field, surface, value, shown };
      this.placements.push(placement);
      out.push(placement);
    }
    this.cursors.set(kind, cursor);
    return out;
  }

  /** One placement's value (the common case of a single-string field). */
  one(surface: Surface, field: string, options: PickOptions = {}): string {
    const [placement] = this.pick(surface, field, 1, options);
    if (!placement) throw new Error(`no vector fits ${field}`);
    return placement.value;
  }

  /**
   * `count` vectors joined by a space into one string, for a field that exists once per screen:
   * each is still its own placement (own tag, own on-screen check), so one field gets several.
   */
  several(surface: Surface, field: string, count: number, options: PickOptions = {}): string {
    const picked = this.pick(surface, field, count, options);
    if (picked.length === 0) throw new Error(`no vector fits ${field}`);
    return picked.map((p) => p.value).join(' ');
  }

  /** Also expect every placement of `field` on `surface` (a value shown on two screens). */
  alsoShown(field: string, surface: Surface, as: string = field): void {
    const originals = this.placements.filter((p) => p.field === field);
    if (originals.length === 0) throw new Error(`no placement in field ${field}`);
    for (const original of originals) this.placements.push({ ...original, surface, field: as });
  }
}

/** True when a string can travel in an HTTP header value (printable ASCII). */
export function headerSafe(value: string): boolean {
  return /^[\x20-\x7e]*$/.test(value);
}

/** How a string looks inside pretty-printed JSON (the inspector's request and reply bodies). */
export function asJsonText(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

/** The first `max` code points, as the friendlyName is cut. */
export function cut(max: number): (value: string) => string {
  return (value) => Array.from(value).slice(0, max).join('');
}
