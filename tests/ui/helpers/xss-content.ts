import type { PhoneNumber, Recipient } from '@spoke/protocol';
import { cut, headerSafe, type PlacementPlan } from './xss-placements.ts';

/** Everything the hostile service answers and the integrator configures, built from one plan. */
export interface HostileContent {
  appName: string;
  deniedAppName: string;
  callingName: string;
  brokenCallingName: string;
  /** Card definitions (developer API bodies), keyed by the service path they fetch. */
  cards: { path: string; title: string; objectType: string; body: unknown }[];
  legacyCard: unknown;
  sectionsCard: unknown;
  badTypeCard: unknown;
  outsideCard: unknown;
  framesCard: unknown;
  converterCard: unknown;
  redirectLocation: string;
  htmlBody: string;
  replyHeader: string;
  hookOk: string;
  hookFail: string;
  framePosts: string[];
  recipients: Recipient[];
  recipientUrl: string;
  phoneNumbers: PhoneNumber[];
  badNumbers: unknown;
  /** CRM record properties of the hostile contact (control API). */
  contact: Record<string, string>;
  /** What the user types: the recipient search, the share message, the inspector filter. */
  typed: { recipientSearch: string; shareMessage: string; inspectorFilter: string };
  /** IFRAME URIs of the converter card, each of which must be refused. */
  converterIframes: string[];
}

const statusTones = ['DEFAULT', 'SUCCESS', 'WARNING', 'DANGER', 'INFO'] as const;
const inline = (v: string) => v.trim() === v && !/[\r\n]/.test(v);
/** What a user can type into a one-line box: no control characters, nothing the UI trims. */
const typable = (v: string) => v.trim() === v && Array.from(v).every((ch) => ch.charCodeAt(0) >= 0x20);

/**
 * Builds the hostile service's replies and configuration. `svc` is the service, `emu` the emulator
 * (a same-origin IFRAME target). Every string a service or user can supply carries vectors.
 */
export function buildHostileContent(plan: PlacementPlan, svc: string, emu: string): HostileContent {
  const p = plan;
  const header = (field: string) => p.one('inspector', field, { accept: headerSafe });

  // Apps, cards and the record: configured by the integrator / user.
  const appName = p.several('apps', 'app.name', 3, { accept: inline });
  p.alsoShown('app.name', 'record', 'app.name (card)');
  const deniedAppName = p.several('share', 'app.name (denied)', 2, { accept: inline });
  const callingName = p.several('calling', 'calling.name', 3, { accept: inline });
  const brokenCallingName = p.several('calling', 'calling.name (broken)', 2, { accept: inline });
  const definitionLabel = p.several('apps', 'definition.property.label', 2);
  p.alsoShown('definition.property.label', 'record');
  const statusLabel = p.several('record', 'definition.status.option.label', 2);
  const stringLabel = p.several('record', 'definition.string.label', 2);
  // Titles of cards on the contact page are checked there and on the Apps screen; the others on Apps.
  const cardTitle = (field: string, onContact = true) => {
    const title = p.several(onContact ? 'record' : 'apps', field, 2);
    if (onContact) p.alsoShown(field, 'apps');
    return title;
  };
  const targetQuery = p.one('apps', 'card.targetUrl', { accept: (v) => !v.includes('#') });
  const definition = (title: string, path: string, objectType: string, baseUrls: string[]) => ({
    title,
    fetch: {
      targetUrl: `${svc}${path}?t=${targetQuery}`,
      objectTypes: [{ name: objectType, propertiesToSend: ['firstname', 'lastname', 'email'] }],
    },
    display: {
      properties: [
        {
          name: 'priority',
          label: definitionLabel,
          dataType: 'STATUS',
          options: [{ name: 'HIGH', label: statusLabel, type: 'DANGER' }],
        },
        { name: 'stage', label: stringLabel, dataType: 'STRING' },
      ],
    },
    actions: { baseUrls },
  });
  const outsideBase = `${svc}/only-here/?b=${p.one('record', 'card.baseUrls', { accept: (v) => !v.includes('#') })}`;
  const cards = [
    {
      path: '/card/legacy',
      objectType: 'contacts',
      title: cardTitle('card.title (legacy)'),
      base: [`${svc}/`],
    },
    {
      path: '/card/sections',
      objectType: 'contacts',
      title: cardTitle('card.title (sections)'),
      base: [`${svc}/`],
    },
    {
      path: '/card/bad-type',
      objectType: 'contacts',
      title: cardTitle('card.title (bad type)'),
      base: [`${svc}/`],
    },
    {
      path: '/card/redirect',
      objectType: 'contacts',
      title: cardTitle('card.title (redirect)'),
      base: [`${svc}/`],
    },
    { path: '/card/html', objectType: 'contacts', title: cardTitle('card.title (html)'), base: [`${svc}/`] },
    {
      path: '/card/outside',
      objectType: 'contacts',
      title: cardTitle('card.title (outside)'),
      base: [outsideBase],
    },
    {
      path: '/card/frames',
      objectType: 'companies',
      title: cardTitle('card.title (frames)', false),
      base: [`${svc}/`, `${emu}/`],
    },
    {
      path: '/card/converter',
      objectType: 'deals',
      title: cardTitle('card.title (converter)', false),
      base: [`${svc}/`],
    },
  ].map((c) => ({ ...c, body: definition(c.title, c.path, c.objectType, c.base) }));

  // The legacy card: five items, every data type, every kind of action.
  const actionUri = (path: string, field: string) =>
    `${svc}${path}?v=${p.several('record', field, 2, { accept: (v) => !v.includes('#') })}`;
  const label = (field: string) => p.several('record', field, 2, { accept: inline });
  const valid: Record<string, unknown> = {
    CURRENCY: { value: '12.5', currencyCode: 'EUR' },
    DATE: { value: '2024-02-29' },
    DATETIME: { value: '1700000000000' },
    NUMERIC: { value: '42' },
    BOOLEAN: { value: 'true' },
  };
  const items = [0, 1, 2, 3, 4].map((i) => {
    const properties = [
      {
        label: p.one('record', 'prop.STRING.label'),
        dataType: 'STRING',
        value: p.one('record', 'prop.STRING.value'),
      },
      {
        label: p.one('record', 'prop.LINK.label'),
        dataType: 'LINK',
        value: p.one('record', 'prop.LINK.url', { kind: 'url' }),
        linkLabel: p.one('record', 'prop.LINK.linkLabel'),
      },
      {
        label: p.one('record', 'prop.EMAIL.label'),
        dataType: 'EMAIL',
        value: p.one('record', 'prop.EMAIL.value'),
      },
      {
        label: p.one('record', 'prop.STATUS.label'),
        dataType: 'STATUS',
        value: p.one('record', 'prop.STATUS.value'),
        optionType: statusTones[i % statusTones.length],
      },
      ...Object.entries(valid).map(([dataType, rest]) => ({
        label: p.one('record', `prop.${dataType}.label`),
        dataType,
        ...(rest as object),
      })),
    ];
    const actions =
      i === 0
        ? [
            {
              type: 'IFRAME',
              width: 480,
              height: 240,
              uri: actionUri('/iframe/page', 'action.IFRAME.uri'),
              label: label('action.IFRAME.label'),
              associatedObjectProperties: ['firstname'],
            },
            {
              type: 'ACTION_HOOK',
              httpMethod: 'POST',
              uri: actionUri('/hooks/ok', 'action.ACTION_HOOK.uri'),
              label: label('action.ACTION_HOOK.label'),
            },
            {
              type: 'CONFIRMATION_ACTION_HOOK',
              httpMethod: 'DELETE',
              uri: actionUri('/hooks/ok', 'action.CONFIRMATION.uri'),
              label: label('action.CONFIRMATION.label'),
              confirmationMessage: p.several('record', 'action.CONFIRMATION.message', 3),
              confirmButtonText: label('action.CONFIRMATION.confirm'),
              cancelButtonText: label('action.CONFIRMATION.cancel'),
            },
          ]
        : [];
    return {
      objectId: 100 + i,
      title: p.one('record', 'item.title'),
      link: p.one('record', 'item.link', { kind: 'url' }),
      priority: i === 0 ? 'HIGH' : p.one('record', 'definition.status.value'),
      stage: p.one('record', 'definition.string.value'),
      properties,
      actions,
    };
  });
  const legacyCard = {
    results: items,
    totalCount: 9,
    allItemsLink: p.one('record', 'card.allItemsLink', { kind: 'url' }),
    itemLabel: p.several('record', 'card.itemLabel', 3),
    primaryAction: {
      type: 'IFRAME',
      width: 480,
      height: 240,
      uri: actionUri('/iframe/page', 'primaryAction.uri'),
      label: label('primaryAction.label'),
    },
    secondaryActions: [
      {
        type: 'ACTION_HOOK',
        httpMethod: 'POST',
        uri: actionUri('/hooks/fail', 'secondaryAction.uri'),
        label: label('secondaryAction.label'),
      },
    ],
    settingsAction: {
      type: 'IFRAME',
      width: 480,
      height: 240,
      uri: actionUri('/iframe/page', 'settingsAction.uri'),
      label: label('settingsAction.label'),
    },
  };

  // The newer format: tokens of free-text types carry hostile values. CURRENCY, DATE and DATETIME
  // values must parse (a reply with `2023-13-45` fails the card, as HubSpot refuses it), so those
  // carry well-formed values and their hostile strings go in the labels.
  const wellFormed: Record<string, { value: string; currencyCode?: string }> = {
    CURRENCY: { value: '1250.5', currencyCode: 'EUR' },
    DATE: { value: '2026-01-15' },
    DATETIME: { value: '1768471200000' },
  };
  const dataTypes = [
    'STRING',
    'NUMERIC',
    'CURRENCY',
    'DATE',
    'DATETIME',
    'EMAIL',
    'LINK',
    'STATUS',
    'BOOLEAN',
  ];
  const sections = [0, 1].map((i) => ({
    id: p.one('record', 'section.id', { shown: null }),
    title: p.one('record', 'section.title'),
    linkUrl: p.one('record', 'section.linkUrl', { kind: 'url' }),
    tokens: dataTypes.map((dataType) => ({
      name: `t${i}${dataType}`,
      label: p.one('record', `token.${dataType}.label`),
      dataType,
      ...(wellFormed[dataType] ?? {
        value: p.one('record', `token.${dataType}.value`, { kind: dataType === 'LINK' ? 'url' : 'any' }),
      }),
      ...(dataType === 'LINK' ? { linkLabel: p.one('record', 'token.linkLabel') } : {}),
      ...(dataType === 'STATUS' ? { optionType: p.one('record', 'token.optionType', { shown: null }) } : {}),
    })),
    actions: [
      {
        type: 'CONFIRMATION_ACTION_HOOK',
        httpMethod: 'POST',
        url: actionUri('/hooks/ok', 'v3action.url'),
        label: label('v3action.label'),
        confirmation: {
          prompt: p.several('record', 'v3action.prompt', 2),
          confirmButtonLabel: label('v3action.confirm'),
          cancelButtonLabel: label('v3action.cancel'),
        },
      },
    ],
  }));
  const sectionsCard = {
    responseVersion: 'v3',
    totalCount: 2,
    cardLabel: p.one('record', 'card.cardLabel', { shown: null }),
    sections,
  };
  const badTypeCard = {
    sections: [
      {
        id: 1,
        title: 'bad type',
        tokens: [{ label: 'x', dataType: p.several('record', 'error.unknownDataType', 2), value: '1' }],
      },
    ],
  };
  const outsideCard = {
    results: [
      {
        objectId: 1,
        title: 'outside',
        actions: [
          {
            type: 'ACTION_HOOK',
            uri: `${svc}/elsewhere?o=${p.one('record', 'error.outsideUri', {
              accept: (v) => !v.includes('#'),
              // The refusal quotes the URI as a JSON string.
              shown: (v) => JSON.stringify(v).slice(1, -1),
            })}`,
            label: 'x',
          },
        ],
      },
    ],
  };
  // IFRAME targets for the sandbox test: the service's page (cross-origin) and the emulator's own origin.
  const framesCard = {
    results: [
      {
        objectId: 1,
        title: 'frames',
        actions: [
          {
            type: 'IFRAME',
            width: 400,
            height: 200,
            uri: `${svc}/iframe/escape`,
            label: 'Cross-origin page',
          },
          { type: 'IFRAME', width: 400, height: 200, uri: `${emu}/#/apps`, label: 'Emulator origin page' },
          { type: 'IFRAME', width: 400, height: 200, uri: `${emu}/_spoke/health`, label: 'Emulator API' },
        ],
      },
    ],
  };
  // The baseUrls check refuses these in converter mode too (docs/protocol.md §2.4): the card fails
  // with the reasons as text, and no action reaches the UI.
  const converterIframes = p
    .pick('iframe', 'converter.IFRAME.url', 8, { kind: 'url', shown: null })
    .map((x) => x.value);
  // The legacy `results` format: the converter cannot render a sections reply at all.
  const converterCard = {
    results: [
      {
        objectId: 1,
        title: 'converter',
        actions: converterIframes.map((uri, i) => ({
          type: 'IFRAME',
          width: 300,
          height: 200,
          uri,
          label: `Hostile frame ${i}`,
        })),
      },
    ],
  };

  const recipients: Recipient[] = Array.from({ length: 12 }, (_, i) => ({
    id: i % 4 === 3 ? p.one('share', 'recipient.id', { shown: null }) : `R${i}`,
    name: p.one('share', 'recipient.name', { accept: inline }),
    type: (i % 2) as 0 | 1,
  }));
  const phoneNumbers: PhoneNumber[] = [0, 1, 2, 3, 4].map((i) => ({
    e164PhoneNumber: `+1800555010${i}`,
    friendlyName: p.one('calling', 'number.friendlyName', { shown: cut(24) }),
    ...(i === 4 ? { extension: p.one('calling', 'number.extension') } : {}),
  }));

  return {
    appName,
    deniedAppName,
    callingName,
    brokenCallingName,
    cards: cards.map(({ path, title, objectType, body }) => ({ path, title, objectType, body })),
    legacyCard,
    sectionsCard,
    badTypeCard,
    outsideCard,
    framesCard,
    converterCard,
    redirectLocation: `${svc}/moved?l=${p.several('record', 'error.redirectLocation', 2, { accept: headerSafe })}`,
    htmlBody: p
      .pick('inspector', 'reply.htmlBody', 4)
      .map((x) => x.value)
      .join('\n'),
    replyHeader: header('reply.header'),
    hookOk: p.several('record', 'hook.reply.message', 3),
    hookFail: p.several('record', 'hook.reply.errorMessage', 2, { shown: null }),
    framePosts: p.pick('iframe', 'iframe.postMessage', 4).map((x) => x.value),
    recipients,
    recipientUrl: p.one('share', 'share.recipientUrl', { kind: 'url' }),
    phoneNumbers,
    badNumbers: {
      phoneNumbers: [
        { e164PhoneNumber: p.one('calling', 'number.invalidE164', { shown: null }), friendlyName: 'x' },
      ],
    },
    contact: {
      firstname: p.one('record', 'record.firstname', { accept: inline }),
      lastname: p.one('record', 'record.lastname', { accept: inline }),
      email: p.one('record', 'record.email'),
      jobtitle: p.one('record', 'record.jobtitle'),
      [p.one('record', 'record.propertyName', { accept: inline })]: p.one('record', 'record.propertyValue'),
    },
    typed: {
      recipientSearch: p.one('share', 'typed.recipientSearch', { accept: typable }),
      shareMessage: p.one('share', 'typed.shareMessage', { accept: typable }),
      inspectorFilter: p.one('inspector', 'typed.inspectorFilter', { shown: null }),
    },
    converterIframes,
  };
}
