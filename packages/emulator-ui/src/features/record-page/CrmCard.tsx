import type { PlatformMode, RenderedAction, RenderedCard, RenderedItem, SchemaIssue } from '@spoke/protocol';
import { useId, useState } from 'react';
import { SafeLink } from '../../components/SafeLink.tsx';
import { type StatusFailure, StatusReason } from '../../components/StatusReason.tsx';
import { hrefFor } from '../../lib/use-hash-route.ts';
import { CardActionButton } from './CardActionButton.tsx';
import { CardItem } from './CardItem.tsx';

/** Why a card failed, as the emulator recorded it. */
export interface CardFailure {
  code: string;
  message: string;
  issues: readonly SchemaIssue[];
  exchangeId: string | null;
  /** For a reply outside 200–299: the status, what the service said, the URL called and the advice. */
  http?: StatusFailure;
  /**
   * Converter mode, when the converter refuses the card definition: the lines it lists under
   * "Configuration Issues Detected", in its words.
   */
  configurationIssues?: readonly string[];
}

/** What one card slot on the record page holds. */
export type CardState =
  | { status: 'loading' }
  | { status: 'ok'; card: RenderedCard; exchangeId: string | null }
  | { status: 'error'; failure: CardFailure };

export interface CrmCardProps {
  /** The title as the platform shows it (legacy mode already carries the count, e.g. `Issues (5)`). */
  title: string;
  appName: string;
  state: CardState;
  refreshing?: boolean;
  onRefresh: () => void;
  onAction: (action: RenderedAction, item: RenderedItem | null) => void;
  timeZone?: string;
  /** The viewing user's locale (BCP 47) for dates, numbers and money. @default 'en-US' */
  locale?: string;
  /** What the "See more" link reads. @default the reply's itemLabel, else "See more" */
  seeMoreLabel?: string;
  /** Whose loading and error texts the card shows: legacy CRM cards or HubSpot's converter. @default 'legacy' */
  mode?: PlatformMode;
}

const reasons: Record<string, string> = {
  DISPATCH_CONNECT_TIMEOUT: 'Timed out connecting (3 s budget)',
  DISPATCH_DEADLINE_EXCEEDED: 'Timed out (5 s budget)',
  DISPATCH_CONNECTION_FAILED: 'Could not connect to the service',
  DISPATCH_REPLY_NOT_JSON: 'Reply was not JSON',
  DISPATCH_REPLY_INVALID: 'Reply failed the schema',
  DISPATCH_REPLY_TOO_LARGE: 'Reply too large',
  DISPATCH_STATUS_NOT_OK: 'Service answered outside 200–299',
  CARD_ACTION_OUTSIDE_BASE_URLS: 'Action URL outside baseUrls',
  DISPATCH_CONVERTER_DEFINITION_INVALID: 'The converter refuses the card definition',
};

/** Short human name for a failure code (falls back to the code). */
export function failureReason(code: string): string {
  return reasons[code] ?? code;
}

/**
 * A CRM card in the record sidebar, drawn the way HubSpot draws legacy cards: title (with the
 * item count in legacy mode), up to five items, "See more", card-level actions; or HubSpot's
 * error state with the emulator's reason beside it.
 */
export function CrmCard({
  title,
  appName,
  state,
  refreshing,
  onRefresh,
  onAction,
  timeZone,
  locale,
  seeMoreLabel,
  mode = 'legacy',
}: CrmCardProps) {
  const [open, setOpen] = useState(true);
  const [menuOpen, setMenuOpen] = useState(false);
  const bodyId = useId();
  const card = state.status === 'ok' ? state.card : null;
  const hidden = card ? card.totalCount - card.items.length : 0;

  return (
    <section
      className={`crm-card ${state.status === 'error' ? 'crm-card-failed' : ''}${mode === 'converter' ? ' crm-card-converter' : ''}`}
      aria-label={title}
    >
      <header className="crm-card-header">
        <button
          type="button"
          className="crm-card-toggle"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen(!open)}
        >
          <span aria-hidden="true" className="chevron">
            {open ? '▾' : '▸'}
          </span>
          <h3 className="crm-card-title">{title}</h3>
        </button>
        <div className="crm-card-tools">
          {card?.settingsAction && mode !== 'converter' ? (
            <button
              type="button"
              className="icon-button"
              aria-label={`Settings: ${card.settingsAction.label || 'settings'}`}
              title={card.settingsAction.label || 'Settings'}
              onClick={() => card.settingsAction && onAction(card.settingsAction, null)}
            >
              ⚙
            </button>
          ) : null}
          <button
            type="button"
            className="icon-button"
            aria-label={`Refresh ${title}`}
            title="Refresh"
            disabled={refreshing === true}
            onClick={onRefresh}
          >
            <span className={refreshing ? 'spin' : ''}>↻</span>
          </button>
        </div>
      </header>
      {open ? (
        <div id={bodyId} className="crm-card-body">
          <p className="crm-card-app">{appName}</p>
          {state.status === 'loading' ? (
            <p className="muted">{mode === 'converter' ? 'Fetching data...' : 'Loading…'}</p>
          ) : null}
          {state.status === 'error' ? (
            <CardError failure={state.failure} onRetry={onRefresh} mode={mode} />
          ) : null}
          {card ? (
            <>
              {card.items.length === 0 ? <p className="muted">No items.</p> : null}
              <ul className="card-items">
                {card.items.map((item) => (
                  <CardItem
                    key={String(item.objectId)}
                    item={item}
                    onAction={onAction}
                    {...(card.propertiesBeforeViewMore === undefined
                      ? {}
                      : { propertiesBeforeViewMore: card.propertiesBeforeViewMore })}
                    mode={mode}
                    {...(timeZone ? { timeZone } : {})}
                    {...(locale ? { locale } : {})}
                  />
                ))}
              </ul>
              {hidden > 0 ? (
                <p className="see-more">
                  <SafeLink href={card.allItemsLink}>
                    {card.itemLabel || seeMoreLabel || 'See more'} ({card.totalCount})
                  </SafeLink>
                </p>
              ) : null}
              {card.primaryAction ||
              card.secondaryActions.length > 0 ||
              (mode === 'converter' && card.settingsAction) ? (
                <div className="crm-card-actions">
                  {card.primaryAction ? (
                    <CardActionButton
                      action={card.primaryAction}
                      variant="primary"
                      onRun={(a) => onAction(a, null)}
                    />
                  ) : null}
                  {card.secondaryActions.length > 0 ? (
                    <div className="menu">
                      <button
                        type="button"
                        className="button button-secondary"
                        aria-expanded={menuOpen}
                        onClick={() => setMenuOpen(!menuOpen)}
                      >
                        Actions ▾
                      </button>
                      {menuOpen ? (
                        <div className="menu-list">
                          {card.secondaryActions.map((action, i) => (
                            <CardActionButton
                              // biome-ignore lint/suspicious/noArrayIndexKey: actions keep the service's order
                              key={i}
                              action={action}
                              onRun={(a) => {
                                setMenuOpen(false);
                                onAction(a, null);
                              }}
                            />
                          ))}
                        </div>
                      ) : null}
                    </div>
                  ) : null}
                  {mode === 'converter' && card.settingsAction ? (
                    // The converter draws the settings action below the items, beside the others.
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`Settings: ${card.settingsAction.label || 'settings'}`}
                      title={card.settingsAction.label || 'Settings'}
                      onClick={() => card.settingsAction && onAction(card.settingsAction, null)}
                    >
                      ⚙
                    </button>
                  ) : null}
                </div>
              ) : null}
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

// The converter's setup checklist, shown with its configuration issues (components/ValidationErrorUI.tsx).
const converterToDos: readonly [string, string][] = [
  [
    'Get Definition',
    'Call /crm/v3/extensions/cards-dev/:appId/:cardId to get the definition of the existing legacy CRM card you want to replicate!',
  ],
  [
    'Allow URLs',
    "In the App's hsmeta config file, add permittedUrls to allow the Extension card to access the URLs in the definition.",
  ],
  [
    'Add ObjectTypes',
    'Go to the definition and add the objectTypes to the hsmeta config file so the Extension card is available for all the existing object types.',
  ],
  [
    'Rename',
    'In the hsmeta config file, rename the title of the card to be the App Name instead of {APP NAME}',
  ],
];

/**
 * What the converter shows instead of a card whose definition it refuses: its alert, its to-do list,
 * and its validation errors behind "View Error Details", in its words.
 */
function ConverterConfigurationIssues({ issues }: { issues: readonly string[] }) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  return (
    <div className="card-error-hubspot converter-config">
      <div className="converter-config-alert" role="alert">
        <p>
          <strong>Configuration Issues Detected</strong>
        </p>
        <p>
          Your card configuration has issues that must be resolved before it can be displayed. Complete the
          setup steps below to fix these issues.
          {issues.length > 0 ? ' View detailed error messages below for more information.' : ''}
        </p>
      </div>
      <p>
        <strong>To Do:</strong>
      </p>
      <ul className="converter-todos">
        {converterToDos.map(([title, text]) => (
          <li key={title}>
            <label>
              <input type="checkbox" /> <strong>{title}: </strong>
              {text}
            </label>
          </li>
        ))}
      </ul>
      {issues.length > 0 ? (
        <>
          <p>
            <strong>Validation Errors ({issues.length}):</strong>
          </p>
          <button
            type="button"
            className="button button-secondary"
            aria-expanded={open}
            aria-controls={listId}
            onClick={() => setOpen(!open)}
          >
            View Error Details
          </button>
          {open ? (
            <section id={listId} aria-label="Validation Error Details" className="converter-config-details">
              <p>The following validation errors must be resolved before the card can be displayed:</p>
              <ul>
                {issues.map((issue, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the converter lists repeats ("Invalid input")
                  <li key={i}>{issue}</li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

/** The converter's error state: its two texts, and no retry button (the page is refreshed instead). */
function ConverterErrorState() {
  return (
    <div className="card-error-hubspot">
      <p>
        There was a problem displaying this content. Try refreshing the page. If this problem continues,
        contact your app developer for support.
      </p>
      <p className="converter-alert" role="note">
        For developers: You can find more details about this error in the app's Extension card logs.
      </p>
    </div>
  );
}

function CardError({
  failure,
  onRetry,
  mode,
}: {
  failure: CardFailure;
  onRetry: () => void;
  mode: PlatformMode;
}) {
  return (
    <section
      className={`card-error${failure.http ? ' card-error-status' : ''}${mode === 'converter' && failure.configurationIssues ? ' card-error-config' : ''}`}
      aria-label="Card failed"
    >
      {mode === 'converter' && failure.configurationIssues ? (
        <ConverterConfigurationIssues issues={failure.configurationIssues} />
      ) : mode === 'converter' ? (
        <ConverterErrorState />
      ) : (
        <div className="card-error-hubspot">
          <p>
            <strong>This card couldn't load.</strong>
          </p>
          <p className="muted">There was a problem retrieving data from this app.</p>
          <button type="button" className="link-button" onClick={onRetry}>
            Try again
          </button>
        </div>
      )}
      <aside className="card-error-reason" aria-label="Reason">
        {failure.http ? (
          <StatusReason code={failure.code} http={failure.http} />
        ) : (
          <>
            <p className="reason-title">
              <span className="code-chip">{failure.code}</span> {failureReason(failure.code)}
            </p>
            <p className="reason-message" title={failure.message}>
              {failure.message}
            </p>
          </>
        )}
        {failure.issues.length > 0 ? (
          <ul className="issue-list">
            {failure.issues.map((issue, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: issues keep the validator's order
              <li key={i}>
                <code>{issue.path}</code> {issue.message}
              </li>
            ))}
          </ul>
        ) : null}
        {failure.exchangeId ? (
          <a href={hrefFor(['inspector', failure.exchangeId])} className="inspect-link">
            Open in inspector →
          </a>
        ) : null}
      </aside>
    </section>
  );
}
