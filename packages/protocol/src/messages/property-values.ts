/**
 * The value rules of card properties HubSpot documents beyond their shape: a CURRENCY needs a
 * valid ISO 4217 code, a DATE is a real calendar day as yyyy-mm-dd. docs/protocol.md §2.3.
 */

/**
 * ISO 4217 List One: the codes of currencies and funds in use (2025), including XCG (replacing ANG)
 * and ZWG. A fixed list rather than `Intl.supportedValuesOf('currency')`, whose answer depends on the
 * ICU data Node was built with (it also keeps withdrawn codes such as HRK), so every machine and
 * every Node version judges a reply the same way.
 */
export const iso4217CurrencyCodes: ReadonlySet<string> = new Set(
  (
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP ' +
    'BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR ' +
    'FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES ' +
    'KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR ' +
    'MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF ' +
    'SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS ' +
    'UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF ' +
    'XPD XPF XPT XSU XTS XUA XXX YER ZAR ZMW ZWG'
  ).split(' '),
);

/** True for a code of ISO 4217 List One (upper case, as HubSpot's examples write it). */
export function isCurrencyCode(code: string): boolean {
  return iso4217CurrencyCodes.has(code);
}

/** Why a CURRENCY's code is refused, or null. */
export function currencyCodeProblem(code: string): string | null {
  if (isCurrencyCode(code)) return null;
  return `must be an ISO 4217 currency code such as USD, EUR or GBP; ${JSON.stringify(code)} is not one`;
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * True for yyyy-mm-dd naming a day that exists (no month 13, no 30 February), leap years as the
 * Gregorian calendar counts them (as `Date` does, year 0 included). Counted, not built as a `Date`:
 * it runs on every DATE property of every reply.
 */
export function isCalendarDate(value: string): boolean {
  if (!datePattern.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : (daysInMonth[month - 1] as number));
}

/** Why a DATE value is refused, or null. */
export function dateValueProblem(value: string): string | null {
  if (!datePattern.test(value)) return `must be a date as yyyy-mm-dd; got ${JSON.stringify(value)}`;
  if (!isCalendarDate(value)) return `${JSON.stringify(value)} is not a day of the calendar (yyyy-mm-dd)`;
  return null;
}

/**
 * Why a value of this data type cannot be shown, or null: a CURRENCY without a valid code, a DATE
 * that is not a calendar day, a DATETIME that is not epoch ms. For values outside the schema's
 * reach: card-settings properties and `sections` tokens.
 */
export function propertyValueProblem(
  dataType: string,
  value: string,
  currencyCode: string | undefined,
): { field: 'value' | 'currencyCode'; message: string } | null {
  switch (dataType) {
    case 'CURRENCY': {
      if (!/^-?\d+(\.\d+)?$/.test(value)) return { field: 'value', message: 'must be a number' };
      if (currencyCode === undefined) {
        return { field: 'currencyCode', message: 'a CURRENCY needs a currencyCode (ISO 4217, such as USD)' };
      }
      const problem = currencyCodeProblem(currencyCode);
      return problem ? { field: 'currencyCode', message: problem } : null;
    }
    case 'DATE': {
      const problem = dateValueProblem(value);
      return problem ? { field: 'value', message: problem } : null;
    }
    case 'DATETIME':
      return /^\d+$/.test(value) ? null : { field: 'value', message: 'must be epoch milliseconds' };
    default:
      return null;
  }
}
