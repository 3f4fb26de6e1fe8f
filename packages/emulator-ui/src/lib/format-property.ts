import type { RenderedProperty } from '@spoke/protocol';

/** How one property value is drawn; the component turns this into elements, never HTML. */
export type FormattedValue =
  | { kind: 'text'; text: string }
  | { kind: 'currency'; text: string; currencyCode: string }
  | { kind: 'date'; text: string; iso: string }
  | { kind: 'email'; text: string }
  | { kind: 'link'; text: string; url: string }
  | { kind: 'status'; text: string; optionType: StatusTone }
  | { kind: 'boolean'; text: string; value: boolean }
  | { kind: 'invalid'; text: string; problem: string };

/** STATUS colours by optionType: DEFAULT grey, SUCCESS green, WARNING yellow, DANGER red, INFO blue. */
export type StatusTone = 'DEFAULT' | 'SUCCESS' | 'WARNING' | 'DANGER' | 'INFO';
const tones: readonly StatusTone[] = ['DEFAULT', 'SUCCESS', 'WARNING', 'DANGER', 'INFO'];

export interface FormatOptions {
  /** BCP 47 locale for numbers and dates. @default 'en-US' */
  locale?: string;
  /** Time zone for DATETIME. @default the browser's */
  timeZone?: string;
}

const numeric = /^-?\d+(\.\d+)?$/;

/** Formats a rendered property by its dataType the way HubSpot shows it on a card. docs/protocol.md §2.3. */
export function formatProperty(property: RenderedProperty, options: FormatOptions = {}): FormattedValue {
  const locale = options.locale ?? 'en-US';
  const value = property.value;
  switch (property.dataType) {
    case 'CURRENCY': {
      const code = property.currencyCode ?? '';
      if (!numeric.test(value)) return { kind: 'invalid', text: value, problem: 'not a number' };
      try {
        const text = new Intl.NumberFormat(locale, { style: 'currency', currency: code }).format(
          Number(value),
        );
        return { kind: 'currency', text, currencyCode: code };
      } catch {
        return { kind: 'invalid', text: value, problem: `unknown currency code "${code}"` };
      }
    }
    case 'NUMERIC':
      if (!numeric.test(value)) return { kind: 'invalid', text: value, problem: 'not a number' };
      return { kind: 'text', text: new Intl.NumberFormat(locale).format(Number(value)) };
    case 'DATE': {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      const date = match
        ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
        : null;
      if (!date || Number.isNaN(date.getTime())) {
        return { kind: 'invalid', text: value, problem: 'not a yyyy-mm-dd date' };
      }
      // Date.UTC rolls 2023-02-30 over to 2 March; a day that does not exist is flagged instead.
      if (date.getUTCMonth() !== Number(match?.[2]) - 1 || date.getUTCDate() !== Number(match?.[3])) {
        return { kind: 'invalid', text: value, problem: 'not a day of the calendar' };
      }
      const text = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
      return { kind: 'date', text, iso: value };
    }
    case 'DATETIME': {
      if (!/^\d+$/.test(value)) return { kind: 'invalid', text: value, problem: 'not epoch milliseconds' };
      const date = new Date(Number(value));
      const text = new Intl.DateTimeFormat(locale, {
        dateStyle: 'medium',
        timeStyle: 'short',
        ...(options.timeZone ? { timeZone: options.timeZone } : {}),
      }).format(date);
      return { kind: 'date', text, iso: date.toISOString() };
    }
    case 'EMAIL':
      return { kind: 'email', text: value };
    case 'LINK':
      return { kind: 'link', text: property.linkLabel || value, url: value };
    case 'STATUS': {
      const tone = tones.find((t) => t === property.optionType) ?? 'DEFAULT';
      return { kind: 'status', text: value, optionType: tone };
    }
    case 'BOOLEAN':
      if (value !== 'true' && value !== 'false') {
        return { kind: 'invalid', text: value, problem: 'not true or false' };
      }
      return { kind: 'boolean', text: value === 'true' ? 'Yes' : 'No', value: value === 'true' };
    case 'STRING':
      return { kind: 'text', text: value };
    default:
      return { kind: 'invalid', text: value, problem: `unknown data type ${property.dataType}` };
  }
}

/**
 * Formats a property as HubSpot's Legacy CRM Card Converter does: its data type in any case, money
 * formatted only when a code came with it (no code chip), DATE with the month spelled out, DATETIME
 * with the weekday, and anything it cannot format (or a type it does not know, BOOLEAN included)
 * shown as sent. A STATUS is drawn from the render model (`invalidStatus`) before this runs.
 */
export function formatConverterProperty(
  property: RenderedProperty,
  options: FormatOptions = {},
): FormattedValue {
  const locale = options.locale ?? 'en';
  const value = property.value;
  const asText = (format: () => string | null): FormattedValue => {
    try {
      return { kind: 'text', text: format() ?? value };
    } catch {
      return { kind: 'text', text: value };
    }
  };
  switch (property.dataType.toUpperCase()) {
    case 'CURRENCY': {
      const code = property.currencyCode;
      if (!code) return { kind: 'text', text: value };
      const amount = Number.parseFloat(value);
      if (Number.isNaN(amount)) return { kind: 'text', text: `${code} ${value}` };
      try {
        return {
          kind: 'text',
          text: new Intl.NumberFormat(locale, { style: 'currency', currency: code }).format(amount),
        };
      } catch {
        return { kind: 'text', text: `${code} ${value}` };
      }
    }
    case 'NUMERIC':
      return asText(() => {
        const number = Number.parseFloat(value);
        return Number.isNaN(number) ? null : new Intl.NumberFormat(locale).format(number);
      });
    case 'DATE':
      return asText(() => {
        // A bare yyyy-mm-dd is midnight where the page is viewed; anything else as Date reads it.
        const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00` : value);
        if (Number.isNaN(date.getTime())) return null;
        return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric' }).format(
          date,
        );
      });
    case 'DATETIME':
      return asText(() => {
        const date = new Date(Number.parseInt(value, 10));
        if (Number.isNaN(date.getTime())) return null;
        return new Intl.DateTimeFormat(locale, {
          weekday: 'long',
          year: 'numeric',
          month: 'long',
          day: 'numeric',
          hour: 'numeric',
          minute: '2-digit',
          ...(options.timeZone ? { timeZone: options.timeZone } : {}),
        }).format(date);
      });
    case 'EMAIL':
      return { kind: 'email', text: value };
    case 'LINK':
      return { kind: 'link', text: property.linkLabel || value, url: value };
    case 'STATUS': {
      const tone = tones.find((t) => t === property.optionType) ?? 'DEFAULT';
      return { kind: 'status', text: value, optionType: tone };
    }
    default:
      return { kind: 'text', text: value };
  }
}
