/** A figure with about three significant digits, thousands grouped: `12,345`, `45.6`, `0.123`. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  const digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A ratio as `0.93×`. */
export function formatRatio(value: number): string {
  return `${value.toFixed(2)}×`;
}
