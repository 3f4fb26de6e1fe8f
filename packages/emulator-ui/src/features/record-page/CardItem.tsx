import type { RenderedAction, RenderedItem } from '@spoke/protocol';
import { SafeLink } from '../../components/SafeLink.tsx';
import { CardActionButton } from './CardActionButton.tsx';
import { PropertyValue } from './PropertyValue.tsx';

/** One item of a card: title (a link when given), properties in order, then its actions. */
export function CardItem({
  item,
  onAction,
  timeZone,
  locale,
}: {
  item: RenderedItem;
  onAction: (action: RenderedAction, item: RenderedItem) => void;
  timeZone?: string;
  locale?: string;
}) {
  return (
    <li className="card-item" data-object-id={String(item.objectId)}>
      <h4 className="card-item-title">
        {item.link === null ? item.title : <SafeLink href={item.link}>{item.title}</SafeLink>}
      </h4>
      {item.properties.length > 0 ? (
        <dl className="card-properties">
          {item.properties.map((property, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: properties have no id and keep their order
            <div className="card-property" key={i} data-label={property.label}>
              <dt>{property.label}</dt>
              <dd>
                <PropertyValue
                  property={property}
                  {...(timeZone ? { timeZone } : {})}
                  {...(locale ? { locale } : {})}
                />
              </dd>
            </div>
          ))}
        </dl>
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
