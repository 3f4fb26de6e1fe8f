import type { PlatformMode } from '../messages/action-hook.ts';
import type { CardAction, V3CardAction } from '../messages/card-action.ts';
import type { DisplayProperty } from '../messages/card-definition.ts';
import { dataTypeSchema, type HookMethod } from '../messages/common.ts';
import type { ConverterCardResponse } from '../messages/converter-card-response.ts';
import type { CardResult, LegacyCardResponse, SectionsCardResponse } from '../messages/crm-card-fetch.ts';
import { propertyValueProblem } from '../messages/property-values.ts';
import type { SchemaIssue } from '../schema-issues.ts';
import { checkActionUrl, converterActionWarning } from './check-action-url.ts';

/** An action as the platform shows it, whichever response format it came in. */
export interface RenderedAction {
  type: 'IFRAME' | 'ACTION_HOOK' | 'CONFIRMATION_ACTION_HOOK';
  uri: string;
  label: string;
  httpMethod: HookMethod;
  associatedObjectProperties: string[];
  width?: number;
  height?: number;
  confirmation?: { message: string; confirmButtonText: string; cancelButtonText: string };
}

/** A property ready to render: definition properties first, in definition order. docs/protocol.md §2.3. */
export interface RenderedProperty {
  name?: string;
  label: string;
  dataType: string;
  value: string;
  currencyCode?: string;
  linkLabel?: string;
  optionType?: string;
  /**
   * Converter mode: a STATUS the converter cannot resolve (no display property of that `name`, or a
   * value that is none of its options) and shows as "Invalid property". docs/migration.md.
   */
  invalidStatus?: true;
}

export interface RenderedItem {
  objectId: number | string;
  title: string;
  link: string | null;
  properties: RenderedProperty[];
  actions: RenderedAction[];
}

/** One render model for both reply formats: what the record page draws. */
export interface RenderedCard {
  format: 'legacy' | 'sections';
  items: RenderedItem[];
  totalCount: number;
  allItemsLink: string | null;
  itemLabel: string | null;
  primaryAction: RenderedAction | null;
  secondaryActions: RenderedAction[];
  settingsAction: RenderedAction | null;
  /**
   * Converter mode: how many properties an item shows before its "View More" button (the converter
   * shows three). Absent: every property is shown, as legacy cards do. docs/migration.md.
   */
  propertiesBeforeViewMore?: number;
}

/** The converter shows this many properties of an item, then "View More". docs/migration.md. */
export const converterPropertiesBeforeViewMore = 3;

export interface NormalizeOptions {
  /** The card definition's display properties. */
  displayProperties: readonly DisplayProperty[];
  /** The card definition's `actions.baseUrls`. */
  baseUrls: readonly string[];
  /** @default 'legacy' */
  mode?: PlatformMode;
  /**
   * The account's currency (ISO 4217), for a card-settings CURRENCY value given as a bare number.
   * @default 'USD'
   */
  currencyCode?: string;
}

/**
 * What a CONFIRMATION_ACTION_HOOK's dialog reads where the reply leaves a text out (legacy) or
 * empty (converter): HubSpot's legacy cards show OK and Cancel; the Legacy CRM Card Converter shows
 * Yes and No and asks "Are you sure you want to proceed?". docs/migration.md.
 */
const confirmationDefaults = {
  legacy: { message: '', confirmButtonText: 'OK', cancelButtonText: 'Cancel' },
  converter: {
    message: 'Are you sure you want to proceed?',
    confirmButtonText: 'Yes',
    cancelButtonText: 'No',
  },
} as const satisfies Record<PlatformMode, RenderedAction['confirmation']>;

function fromLegacyAction(action: CardAction, mode: PlatformMode = 'legacy'): RenderedAction {
  const rendered: RenderedAction = {
    type: action.type,
    uri: action.uri,
    label: action.label ?? '',
    httpMethod: action.type === 'IFRAME' ? 'GET' : (action.httpMethod ?? 'GET'),
    associatedObjectProperties: action.associatedObjectProperties ?? [],
  };
  if (action.type === 'IFRAME') Object.assign(rendered, { width: action.width, height: action.height });
  if (action.type === 'CONFIRMATION_ACTION_HOOK') {
    const defaults = confirmationDefaults[mode];
    // The converter falls back on an empty text too (`||`); legacy cards only on an absent one.
    const text = (given: string | undefined, fallback: string) =>
      mode === 'converter' ? given || fallback : (given ?? fallback);
    rendered.confirmation = {
      message: text(action.confirmationMessage, defaults.message),
      confirmButtonText: text(action.confirmButtonText, defaults.confirmButtonText),
      cancelButtonText: text(action.cancelButtonText, defaults.cancelButtonText),
    };
  }
  return rendered;
}

function fromV3Action(action: V3CardAction): RenderedAction {
  const rendered: RenderedAction = {
    type: action.type,
    uri: action.url,
    label: action.label ?? '',
    httpMethod: action.type === 'IFRAME' ? 'GET' : (action.httpMethod ?? 'GET'),
    associatedObjectProperties: action.propertyNamesIncluded ?? [],
  };
  if (action.type === 'IFRAME') Object.assign(rendered, { width: action.width, height: action.height });
  else if (action.type === 'CONFIRMATION_ACTION_HOOK' || action.confirmation) {
    rendered.type = 'CONFIRMATION_ACTION_HOOK';
    rendered.confirmation = {
      message: action.confirmation?.prompt ?? '',
      confirmButtonText: action.confirmation?.confirmButtonLabel ?? 'OK',
      cancelButtonText: action.confirmation?.cancelButtonLabel ?? 'Cancel',
    };
  }
  return rendered;
}

/**
 * The values of the card-settings properties an item carries, in definition order. A CURRENCY value
 * is a number in the account's currency, or `{ "value": 94.34, "currencyCode": "GBP" }` for another;
 * values a type cannot show (a code outside ISO 4217, a date that does not exist) are violations.
 */
/** Item keys the converter never reads as card-settings values (propertyUtils.ts). */
const converterSkippedKeys = new Set(['objectId', 'title', 'actions', 'properties', 'link']);

function displayValues(
  item: CardResult | ConverterCardResponse['results'][number],
  definitions: readonly DisplayProperty[],
  options: {
    path: string;
    currencyCode: string;
    violations: SchemaIssue[];
    mode: PlatformMode;
    /** Converter mode: what the converter draws differently from legacy HubSpot, for the inspector. */
    warnings?: SchemaIssue[];
    /** The labels of the item's `properties[]`: the converter drops display values named like one. */
    itemLabels?: ReadonlySet<string>;
  },
): RenderedProperty[] {
  const out: RenderedProperty[] = [];
  // HubSpot orders them as the definition does; the converter walks the item's own keys.
  const ordered =
    options.mode === 'converter'
      ? Object.keys(item).flatMap((key) => definitions.filter((def) => def.name === key))
      : definitions;
  for (const def of ordered) {
    const raw = item[def.name];
    if (raw === undefined || raw === null) continue;
    const path = `${options.path}.${def.name}`;
    const converter = options.mode === 'converter';
    if (converter && (converterSkippedKeys.has(def.name) || options.itemLabels?.has(def.name))) {
      options.warnings?.push({
        path,
        message: converterSkippedKeys.has(def.name)
          ? `in production the card does not show the display property "${def.name}": HubSpot's converter never reads an item's ${def.name} as a card-settings value (it skips objectId, title, actions, properties and link). Rename the display property.`
          : `in production the card does not show the display property "${def.name}": a properties[] entry of this item has the label "${def.name}", and HubSpot's converter drops the card-settings value whose name matches a label. Rename one of them.`,
      });
      continue;
    }
    const boxed = typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
    const value = boxed && 'value' in boxed ? boxed.value : raw;
    const property: RenderedProperty = {
      name: def.name,
      label: def.label,
      dataType: def.dataType,
      value: String(value),
    };
    if (def.dataType === 'STATUS' && options.mode === 'converter') {
      Object.assign(property, converterStatus(definitions, def.name, String(value)));
    } else if (def.dataType === 'STATUS') {
      const option = def.options?.find((o) => o.name === String(value));
      property.optionType = option?.type ?? 'DEFAULT';
      if (option) property.value = option.label;
    }
    if (def.dataType === 'CURRENCY') {
      const code = boxed?.currencyCode;
      property.currencyCode = typeof code === 'string' ? code : options.currencyCode;
    }
    const problem = propertyValueProblem(def.dataType, property.value, property.currencyCode);
    if (problem) {
      const where = boxed && problem.field === 'currencyCode' ? `${path}.currencyCode` : path;
      options.violations.push({ path: where, message: problem.message });
    }
    if (converter && def.dataType === 'CURRENCY') {
      // The converter takes the value as it stands (String(value)) and attaches no currency code: a
      // bare amount shows as sent, without the account's currency, and a boxed one as [object Object].
      delete property.currencyCode;
      if (boxed) {
        property.value = String(raw);
        options.warnings?.push({
          path,
          message: `in production the card shows "[object Object]" for ${def.label}: HubSpot's converter turns the card-settings value {"value": …, "currencyCode": …} into text without reading its fields. Send the amount as a number (it shows without a currency), or as a properties[] entry with its currencyCode.`,
        });
      }
    }
    out.push(property);
  }
  return out;
}

/**
 * A STATUS as the converter resolves it: through the display property called `name` and the option
 * whose name is the value, shown with that option's label and type. The reply's `optionType` is
 * ignored; anything unresolved is "Invalid property".
 */
function converterStatus(
  definitions: readonly DisplayProperty[],
  name: string | undefined,
  value: string,
): Pick<RenderedProperty, 'value' | 'optionType' | 'invalidStatus'> {
  const def = name === undefined ? undefined : definitions.find((d) => d.name === name);
  const option = def?.dataType === 'STATUS' ? def.options?.find((o) => o.name === value) : undefined;
  return option ? { value: option.label, optionType: option.type } : { value, invalidStatus: true };
}

function itemProperty(
  // The converter's reading takes more (any dataType, CURRENCY without a code) than the legacy one.
  property: NonNullable<ConverterCardResponse['results'][number]['properties']>[number],
  definitions: readonly DisplayProperty[],
  mode: PlatformMode,
): RenderedProperty {
  const rendered = withoutUndefined({ ...property, value: String(property.value) }) as RenderedProperty;
  if (mode !== 'converter' || rendered.dataType !== 'STATUS') return rendered;
  const { optionType: _ignored, ...rest } = rendered;
  return { ...rest, ...converterStatus(definitions, property.name, rendered.value) };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Turns a parsed data-fetch reply into the render model and lists what the platform rejects
 * on top of the schema: action URIs outside `actions.baseUrls` and unknown data types. In converter
 * mode an action URI that legacy HubSpot refused but the converter renders is a warning instead,
 * saying what production does with it (docs/protocol.md §2.4).
 */
export function normalizeCardResponse(
  response:
    | { format: 'legacy'; value: LegacyCardResponse | ConverterCardResponse }
    | { format: 'sections'; value: SectionsCardResponse },
  options: NormalizeOptions,
): { card: RenderedCard; violations: SchemaIssue[]; warnings: SchemaIssue[] } {
  const violations: SchemaIssue[] = [];
  const warnings: SchemaIssue[] = [];
  const mode = options.mode ?? 'legacy';
  const check = (action: RenderedAction, path: string) => {
    // One rule for every mode, on the parsed URL; the converter renders what is not a bad shape.
    // docs/protocol.md §2.4.
    const checked = checkActionUrl(action.uri, { baseUrls: options.baseUrls, mode });
    if (checked.ok) return action;
    if (mode === 'converter' && !checked.everyMode) {
      warnings.push({ path, message: converterActionWarning(action, checked.reason, options.baseUrls) });
    } else violations.push({ path, message: checked.reason });
    return action;
  };
  if (response.format === 'legacy') {
    const r = response.value;
    const items = r.results.map((item, i) => ({
      objectId: item.objectId,
      title: item.title,
      link: item.link ?? null,
      properties: [
        ...displayValues(item, options.displayProperties, {
          path: `results.${i}`,
          currencyCode: options.currencyCode ?? 'USD',
          violations,
          mode,
          warnings,
          itemLabels: new Set((item.properties ?? []).map((p) => p.label)),
        }),
        ...(item.properties ?? []).map((p) => itemProperty(p, options.displayProperties, mode)),
      ],
      actions: (item.actions ?? []).map((a, j) =>
        check(fromLegacyAction(a, mode), `results.${i}.actions.${j}.uri`),
      ),
    }));
    // The converter never reads totalCount or allItemsLink: no "See more"; three properties, then "View More".
    const converter = mode === 'converter';
    return {
      violations,
      warnings,
      card: {
        format: 'legacy',
        items,
        totalCount: converter ? items.length : (r.totalCount ?? items.length),
        allItemsLink: converter ? null : (r.allItemsLink ?? r.allItemsLinkUrl ?? null),
        ...(converter ? { propertiesBeforeViewMore: converterPropertiesBeforeViewMore } : {}),
        itemLabel: r.itemLabel ?? r.cardLabel ?? null,
        primaryAction: r.primaryAction
          ? check(fromLegacyAction(r.primaryAction, mode), 'primaryAction.uri')
          : null,
        secondaryActions: (r.secondaryActions ?? []).map((a, j) =>
          check(fromLegacyAction(a, mode), `secondaryActions.${j}.uri`),
        ),
        settingsAction: r.settingsAction
          ? check(fromLegacyAction(r.settingsAction, mode), 'settingsAction.uri')
          : null,
      },
    };
  }
  const r = response.value;
  const items = r.sections.map((section, i) => ({
    objectId: section.id,
    title: section.title,
    link: section.linkUrl ?? null,
    properties: (section.tokens ?? []).map((token, j) => {
      const dataType = token.dataType ?? 'STRING';
      if (!dataTypeSchema.safeParse(dataType).success) {
        violations.push({
          path: `sections.${i}.tokens.${j}.dataType`,
          message: `unknown data type ${dataType}`,
        });
      }
      const problem =
        token.value === null ? null : propertyValueProblem(dataType, String(token.value), token.currencyCode);
      if (problem) {
        violations.push({ path: `sections.${i}.tokens.${j}.${problem.field}`, message: problem.message });
      }
      return withoutUndefined({
        name: token.name,
        label: token.label ?? token.name ?? '',
        dataType,
        value: token.value === null ? '' : String(token.value),
        currencyCode: token.currencyCode,
        linkLabel: token.linkLabel,
        optionType: token.optionType,
      }) as RenderedProperty;
    }),
    actions: (section.actions ?? []).map((a, j) => check(fromV3Action(a), `sections.${i}.actions.${j}.url`)),
  }));
  const top = r.topLevelActions;
  return {
    violations,
    warnings,
    card: {
      format: 'sections',
      items,
      totalCount: r.totalCount ?? items.length,
      allItemsLink: r.allItemsLinkUrl ?? null,
      itemLabel: r.cardLabel ?? null,
      primaryAction: top?.primary ? check(fromV3Action(top.primary), 'topLevelActions.primary.url') : null,
      secondaryActions: (top?.secondary ?? []).map((a, j) =>
        check(fromV3Action(a), `topLevelActions.secondary.${j}.url`),
      ),
      settingsAction: top?.settings
        ? check(fromV3Action(top.settings), 'topLevelActions.settings.url')
        : null,
    },
  };
}

function actionUris(value: unknown): { uri: unknown; path: string }[] {
  if (typeof value !== 'object' || value === null) return [];
  const reply = value as Record<string, unknown>;
  const sections = 'sections' in reply;
  const [list, key] = sections ? ['sections', 'url'] : ['results', 'uri'];
  const out: { uri: unknown; path: string }[] = [];
  const add = (action: unknown, path: string) => {
    if (typeof action === 'object' && action !== null) {
      out.push({ uri: (action as Record<string, unknown>)[key], path: `${path}.${key}` });
    }
  };
  const each = (actions: unknown, path: string) => {
    if (!Array.isArray(actions)) return;
    for (const [j, action] of actions.entries()) add(action, `${path}.${j}`);
  };
  const items = reply[list];
  if (Array.isArray(items)) {
    items.forEach((item, i) => {
      if (typeof item === 'object' && item !== null)
        each((item as Record<string, unknown>).actions, `${list}.${i}.actions`);
    });
  }
  const top = sections ? reply.topLevelActions : reply;
  if (typeof top === 'object' && top !== null) {
    const actions = top as Record<string, unknown>;
    const [primary, secondary, settings] = sections
      ? ['primary', 'secondary', 'settings']
      : ['primaryAction', 'secondaryActions', 'settingsAction'];
    const prefix = sections ? 'topLevelActions.' : '';
    add(actions[primary], `${prefix}${primary}`);
    each(actions[secondary], `${prefix}${secondary}`);
    add(actions[settings], `${prefix}${settings}`);
  }
  return out;
}

/**
 * The action-URL violations of a reply that failed its schema, so one pass reports them with the
 * schema's problems (normalizeCardResponse finds them only in a valid reply). Same rule, same paths.
 */
export function actionUrlViolations(
  value: unknown,
  options: Pick<NormalizeOptions, 'baseUrls' | 'mode'>,
): SchemaIssue[] {
  const violations: SchemaIssue[] = [];
  for (const { uri, path } of actionUris(value)) {
    if (typeof uri !== 'string' || uri === '') continue;
    const checked = checkActionUrl(uri, { baseUrls: options.baseUrls, mode: options.mode ?? 'legacy' });
    // In converter mode only the shapes refused everywhere fail; the card fails on its schema anyway.
    if (!checked.ok && (options.mode !== 'converter' || checked.everyMode)) {
      violations.push({ path, message: checked.reason });
    }
  }
  return violations;
}
