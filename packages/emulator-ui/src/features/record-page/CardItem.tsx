import type { PlatformMode, RenderedAction, RenderedItem } from '@spoke/protocol';
import { useState } from 'react';
import { SafeLink } from '../../components/SafeLink.tsx';
import { ActionsMenu } from './ActionsMenu.tsx';
import { CardActionButton } from './CardActionButton.tsx';
import { PropertyValue } from './PropertyValue.tsx';

/**
 * One item of a card: title (a link when given), properties in order, then its actions. With
 * `propertiesBeforeViewMore` (converter mode) only that many properties show until "View More". In
 * converter mode the item's actions sit in an "Actions" menu beside View More, as the converter draws them.
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
  const viewMore = (
    <button
      type="button"
      className="button button-tertiary button-small view-more"
      aria-expanded={expanded}
      onClick={() => setExpanded(!expanded)}
    >
      {expanded ? 'View Less' : 'View More'}
    </button>
  );
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
      {mode === 'converter' ? (
        // The converter's row under the properties: View More on the left, the item's Actions on the right.
        hasMore || item.actions.length > 0 ? (
          <div className="card-item-footer">
            {hasMore ? viewMore : <span />}
            <ActionsMenu
              actions={item.actions}
              label={`Actions for ${item.title}`}
              variant="tertiary"
              align="right"
              onRun={(a) => onAction(a, item)}
            />
          </div>
        ) : null
      ) : null}
      {mode !== 'converter' && hasMore ? viewMore : null}
      {mode !== 'converter' && item.actions.length > 0 ? (
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
