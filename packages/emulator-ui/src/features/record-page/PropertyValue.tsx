import type { PlatformMode, RenderedProperty } from '@spoke/protocol';
import { SafeLink } from '../../components/SafeLink.tsx';
import { formatConverterProperty, formatProperty } from '../../lib/format-property.ts';
import { mailtoHref } from '../../lib/safe-href.ts';

/** One card property's value, drawn by dataType; service text only ever becomes text nodes. */
export function PropertyValue({
  property,
  timeZone,
  locale,
  mode = 'legacy',
}: {
  property: RenderedProperty;
  timeZone?: string;
  /** The viewing user's locale. @default 'en-US' */
  locale?: string;
  /** Whose formats: legacy CRM cards or HubSpot's card converter. @default 'legacy' */
  mode?: PlatformMode;
}) {
  if (property.invalidStatus) {
    // What the converter shows for a STATUS it cannot resolve through the card's definition.
    return (
      <span
        className="value-invalid-status"
        data-type="STATUS"
        title="the converter found no display property of this name with this value among its options"
      >
        Invalid property
      </span>
    );
  }
  const format = mode === 'converter' ? formatConverterProperty : formatProperty;
  const formatted = format(property, {
    ...(timeZone ? { timeZone } : {}),
    ...(locale ? { locale } : {}),
  });
  switch (formatted.kind) {
    case 'currency':
      return (
        <span className="value-currency" data-type="CURRENCY">
          {formatted.text} <abbr className="currency-code">{formatted.currencyCode}</abbr>
        </span>
      );
    case 'date':
      return (
        <time dateTime={formatted.iso} data-type={property.dataType}>
          {formatted.text}
        </time>
      );
    case 'email': {
      const href = mailtoHref(formatted.text);
      return href ? (
        <a href={href} data-type="EMAIL">
          {formatted.text}
        </a>
      ) : (
        <span data-type="EMAIL" className="value-invalid" title="not an email address">
          {formatted.text}
        </span>
      );
    }
    case 'link':
      return (
        <span data-type="LINK">
          <SafeLink href={formatted.url}>{formatted.text}</SafeLink>
        </span>
      );
    case 'status':
      return (
        <span className={`status-badge status-${formatted.optionType.toLowerCase()}`} data-type="STATUS">
          {formatted.text}
        </span>
      );
    case 'boolean':
      return (
        <span className={`value-boolean ${formatted.value ? 'is-true' : 'is-false'}`} data-type="BOOLEAN">
          {formatted.text}
        </span>
      );
    case 'invalid':
      return (
        <span className="value-invalid" data-type={property.dataType} title={formatted.problem}>
          {formatted.text} <span className="flag">⚠ {formatted.problem}</span>
        </span>
      );
    default:
      return <span data-type={property.dataType}>{formatted.text}</span>;
  }
}
