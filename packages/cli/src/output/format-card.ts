import type { RenderedAction, RenderedCard, RenderedProperty } from '@spoke/protocol';
import type { Colours } from './colours.ts';

function value(property: RenderedProperty): string {
  switch (property.dataType) {
    case 'CURRENCY':
      return `${property.value} ${property.currencyCode ?? ''}`.trim();
    case 'DATETIME': {
      const ms = Number(property.value);
      return Number.isFinite(ms) ? new Date(ms).toISOString() : property.value;
    }
    case 'STATUS':
      return `${property.value} (${property.optionType ?? 'DEFAULT'})`;
    case 'LINK':
      return property.linkLabel ? `${property.linkLabel} <${property.value}>` : property.value;
    case 'EMAIL':
      return `mailto:${property.value}`;
    default:
      return property.value;
  }
}

function action(a: RenderedAction): string {
  const how =
    a.type === 'IFRAME' ? `IFRAME ${a.width ?? '?'}×${a.height ?? '?'}` : `${a.type} ${a.httpMethod}`;
  const confirm = a.confirmation ? ` (asks "${a.confirmation.message}")` : '';
  return `[${a.label || 'unlabelled'}] ${how} ${a.uri}${confirm}`;
}

/**
 * Draws a card as text, the way the record page lays it out: the title (with the item count in
 * legacy mode), each item with its properties and actions, the "See more" link and top-level actions.
 */
export function formatCard(card: RenderedCard, title: string, c: Colours): string[] {
  const lines = [`┌ ${c.bold(title)}  ${c.dim(`[${card.format}]`)}`];
  if (card.items.length === 0) lines.push('│ (no items)');
  for (const item of card.items) {
    lines.push(`│ ${c.bold(item.title)}${item.link ? ` → ${item.link}` : ''}`);
    const width = Math.max(0, ...item.properties.map((p) => p.label.length));
    for (const property of item.properties)
      lines.push(`│   ${property.label.padEnd(width)}  ${value(property)}`);
    for (const a of item.actions) lines.push(`│   ${c.blue(action(a))}`);
  }
  if (card.totalCount > card.items.length || card.allItemsLink) {
    lines.push(
      `│ ${card.itemLabel ?? 'See more'} (${card.totalCount} in all)${card.allItemsLink ? ` → ${card.allItemsLink}` : ''}`,
    );
  }
  if (card.primaryAction) lines.push(`│ primary   ${c.blue(action(card.primaryAction))}`);
  for (const a of card.secondaryActions) lines.push(`│ secondary ${c.blue(action(a))}`);
  if (card.settingsAction) lines.push(`│ settings  ${c.blue(action(card.settingsAction))}`);
  lines.push('└');
  return lines;
}
