import type { PlatformMode, RenderedAction, RenderedItem } from '@spoke/protocol';
import { useState } from 'react';
import { SafeLink } from '../../components/SafeLink.tsx';
import { CardActionButton } from './CardActionButton.tsx';
import { PropertyValue } from './PropertyValue.tsx';

/**
 * One item of a card: title (a link when given), properties in order, then its actions. With
 * `propertiesBeforeViewMore` (converter mode) only that many properties show until "View More".
 */
export function CardItem({
  item,
  onAction,
  timeZone,
  locale,
  propertiesBeforeViewMore,
  mode,
}: {
  item: RenderedItem;
  onAction: (action: RenderedAction, item: RenderedItem) => void;
  timeZone?: string;
  locale?: string;
  propertiesBeforeViewMore?: number;
  /** Whose value formats: legacy CRM cards or HubSpot's card converter. @default 'legacy' */
  mode?: PlatformMode;
}) {
  const [expanded, setExpanded] = useState(false);
  const limit = propertiesBeforeViewMore ?? item.properties.length;
  const hasMore = item.properties.length > limit;
  const shown = hasMore && !expanded ? item.properties.slice(0, limit) : item.properties;
  return (
    <li className="card-item" data-object-id={String(item.objectId)}>
      <h4 className="card-item-title">
        {item.link === null ? item.title : <SafeLink href={item.link}>{item.title}</SafeLink>}
      </h4>
      {item.properties.length > 0 ? (
        <dl className="card-properties">
          {shown.map((property, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: properties have no id and keep their order
            <div className="card-property" key={i} data-label={property.label}>
              <dt>{property.label}</dt>
              <dd>
                <PropertyValue
                  property={property}
                  {...(timeZone ? { timeZone } : {})}
                  {...(locale ? { locale } : {})}
                  {...(mode ? { mode } : {})}
                />
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      {hasMore ? (
        <button
          type="button"
          className="button button-tertiary button-small view-more"
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? 'View Less' : 'View More'}
        </button>
      ) : null}
      {item.actions.length > 0 ? (
        <div className="card-item-actions">
          {item.actions.map((action, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: actions keep the order the service sent
            <CardActionButton key={i} action={action} onRun={(a) => onAction(a, item)} />
          ))}
        </div>
      ) : null}
    </li>
  );
}
