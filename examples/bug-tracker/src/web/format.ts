import { type Issue, issueStateLabels } from '../domain/issue.ts';
import { html, type SafeHtml } from './html.ts';

/** `12,500.00 USD` from whole cents. */
export function formatMoney(cents: number, currency: string): string {
  const amount = (cents / 100).toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return `${amount} ${currency}`;
}

/** The editable text of an amount in cents: `1200.5` → `1200.50`, 0 → `0`. */
export function moneyInput(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2);
}

/** `2026-03-14 09:30 UTC` from an ISO timestamp. */
export function formatTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** The coloured state badge. */
export function stateBadge(state: Issue['state']): SafeHtml {
  return html`<span class="state state-${state}">${issueStateLabels[state]}</span>`;
}
