import {
  callingSettingsCreateSchema,
  callingSettingsPatchSchema,
  cardDefinitionCreateSchema,
  cardDefinitionPatchSchema,
  channelConnectionSettingsCreateSchema,
  channelConnectionSettingsPatchSchema,
  crmObjectCreateSchema,
  crmObjectUpdateSchema,
  crmSearchRequestSchema,
} from '@spoke/protocol';
import { z } from 'zod';
import { createAppSchema, patchAppSchema, shareViaSettingsSchema } from '../../src/api/control/app-routes.ts';
import { createFaultSchema, patchFaultSchema } from '../../src/api/control/fault-routes.ts';
import { createInstallSchema, installListQuerySchema } from '../../src/api/control/install-routes.ts';
import { shareViaFlowInputSchema } from '../../src/api/control/platform.ts';
import {
  createRecordSchema,
  patchRecordSchema,
  recordListQuerySchema,
} from '../../src/api/control/record-routes.ts';
import { replaySchema, requestListQuerySchema } from '../../src/api/control/request-routes.ts';
import { shareListQuerySchema } from '../../src/api/control/share-routes.ts';
import { modeSchema } from '../../src/api/control/state-routes.ts';
import {
  connectSchema,
  numbersSchema,
  openRecordSchema,
  runActionSchema,
} from '../../src/api/control/trigger-routes.ts';
import { crmGetQuerySchema, crmListQuerySchema } from '../../src/api/crm/crm-object-routes.ts';
import { cardPathPrefixes } from '../../src/api/developer/card-routes.ts';
import { authorizeBodySchema } from '../../src/api/oauth-routes.ts';
import { emulatorStateSchema } from '../../src/store/emulator-state.ts';
import { portalSchema, userSchema } from '../../src/store/entities.ts';
import { allObjectScopes } from '../../src/store/seed-store.ts';
import { cardBody, testKeys } from '../helpers/test-emulator.ts';

export type ApiFamily = 'developer' | 'control' | 'ui' | 'crm';

/** Ids that exist in the corpus's baseline state (built by `buildBaseline`). */
export interface Fixture {
  appId: string;
  /** A second app of the same developer key, without calling or channel-connection settings. */
  bareAppId: string;
  cardId: string;
  contactId: string;
  portalId: string;
  /** A portal without users, so DELETE succeeds. */
  sparePortalId: string;
  userId: string;
  shareId: string;
  exchangeId: string;
  connectionId: string;
  faultId: string;
  /** OAuth: app 1000's client id and registered redirect URL, and tokens of its install. */
  clientId: string;
  redirectUri: string;
  accessToken: string;
  refreshToken: string;
  /** The whole baseline export, the sample body of `PUT /_spoke/state`. */
  state: unknown;
}

/** A JSON body the route reads, with the zod schema it parses it with (the oracle for mutations). */
export interface BodySpec {
  sample: unknown;
  schema: z.ZodType;
  /** An empty body means `{}` (the route passes a fallback to readJson). */
  emptyIsObject?: boolean;
  /** A rule the schema does not express, checked after it: a body that breaks it gets `status`. */
  rule?: { holds: (value: never) => boolean; status: number };
}

/** One route of the emulator with a request that is valid against the baseline. */
export interface EndpointSpec {
  method: string;
  /** The router's path template, exactly as hono lists it. */
  route: string;
  family: ApiFamily;
  /** A value for each `:param` of `route`, valid in the baseline. */
  params: Record<string, string>;
  /** The developer API key is required. */
  auth?: boolean;
  body?: BodySpec;
  /** Query parameters the route parses, with a valid sample and the schema (coercing). */
  query?: { sample: Record<string, string>; schema: z.ZodType };
  /** A valid request changes the store (so the baseline is restored after one is accepted). */
  writes: boolean;
  /** Server-sent events: the response never ends, only its status and headers are read. */
  stream?: boolean;
  /** Every well-formed id names something (a report's image), so an unknown-looking id is not refused. */
  anyId?: boolean;
  /** An OAuth access token sent as `Authorization: Bearer` (the CRM API). */
  bearer?: string;
  /** A form-encoded body (HubSpot's token endpoint): sent as the valid request, never mutated as JSON. */
  form?: Record<string, string>;
}

/** The path of `spec` with `params` substituted (each value already percent-encoded as wanted). */
export function pathOf(route: string, params: Record<string, string>): string {
  return route.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${route}`);
    return value;
  });
}

const portalCreateSchema = portalSchema.partial({ id: true });
const portalPatchSchema = portalSchema.omit({ id: true }).partial();
const userCreateSchema = userSchema.partial({ id: true });
const userPatchSchema = userSchema.omit({ id: true }).partial();
const eventPayloadSchema = z.record(z.string(), z.unknown());

const cardScopes = ['crm.objects.contacts.read', 'crm.objects.contacts.write'];
const cardSample = cardBody('https://service.test/cards', ['contacts']);
const callingSample = {
  name: 'Dialer',
  url: 'https://dial.test/app',
  width: 400,
  height: 600,
  isReady: true,
  supportsCustomObjects: false,
  usesRemote: false,
  usesCallingWindow: true,
  supportsInboundCalling: false,
};
const channelSample = { url: 'https://desk.test/numbers', isReady: true };

/** Every route the emulator serves, each with a request that is valid against the baseline `fx`. */
export function endpoints(fx: Fixture): EndpointSpec[] {
  const developer: EndpointSpec[] = cardPathPrefixes.flatMap((prefix): EndpointSpec[] => [
    { method: 'GET', route: `${prefix}/sample-response`, family: 'developer', params: {}, writes: false },
    {
      method: 'POST',
      route: `${prefix}/:appId`,
      family: 'developer',
      params: { appId: fx.appId },
      auth: true,
      body: { sample: cardSample, schema: cardDefinitionCreateSchema },
      writes: true,
    },
    {
      method: 'GET',
      route: `${prefix}/:appId`,
      family: 'developer',
      params: { appId: fx.appId },
      auth: true,
      writes: false,
    },
    {
      method: 'GET',
      route: `${prefix}/:appId/:cardId`,
      family: 'developer',
      params: { appId: fx.appId, cardId: fx.cardId },
      auth: true,
      writes: false,
    },
    {
      method: 'PATCH',
      route: `${prefix}/:appId/:cardId`,
      family: 'developer',
      params: { appId: fx.appId, cardId: fx.cardId },
      auth: true,
      body: { sample: { ...cardSample, title: 'Bugs' }, schema: cardDefinitionPatchSchema },
      writes: true,
    },
    {
      method: 'DELETE',
      route: `${prefix}/:appId/:cardId`,
      family: 'developer',
      params: { appId: fx.appId, cardId: fx.cardId },
      auth: true,
      writes: true,
    },
  ]);
  const settings = (route: string, create: BodySpec, patch: BodySpec): EndpointSpec[] => [
    {
      method: 'POST',
      route,
      family: 'developer',
      params: { appId: fx.bareAppId },
      auth: true,
      body: create,
      writes: true,
    },
    { method: 'GET', route, family: 'developer', params: { appId: fx.appId }, auth: true, writes: false },
    {
      method: 'PATCH',
      route,
      family: 'developer',
      params: { appId: fx.appId },
      auth: true,
      body: patch,
      writes: true,
    },
    { method: 'DELETE', route, family: 'developer', params: { appId: fx.appId }, auth: true, writes: true },
  ];
  developer.push(
    ...settings(
      '/crm/v3/extensions/calling/:appId/settings/channel-connection',
      { sample: channelSample, schema: channelConnectionSettingsCreateSchema },
      { sample: { isReady: false }, schema: channelConnectionSettingsPatchSchema },
    ),
    ...settings(
      '/crm/v3/extensions/calling/:appId/settings',
      { sample: callingSample, schema: callingSettingsCreateSchema },
      { sample: { ...callingSample, name: 'Dialer 2' }, schema: callingSettingsPatchSchema },
    ),
  );

  const get = (route: string, params: Record<string, string> = {}): EndpointSpec => ({
    method: 'GET',
    route,
    family: 'control',
    params,
    writes: false,
  });
  const write = (
    method: string,
    route: string,
    params: Record<string, string>,
    body?: BodySpec,
  ): EndpointSpec => ({ method, route, family: 'control', params, writes: true, ...(body ? { body } : {}) });
  const app = { appId: fx.appId };
  const record = { objectType: 'contacts', id: fx.contactId };
  const share = { shareId: fx.shareId };
  const hook = {
    type: 'ACTION_HOOK',
    uri: 'https://service.test/close',
    label: 'Close',
    httpMethod: 'POST',
    associatedObjectProperties: ['email'],
  };
  const control: EndpointSpec[] = [
    get('/_spoke/health'),
    get('/_spoke/info'),
    get('/_spoke/mode'),
    write('PUT', '/_spoke/mode', {}, { sample: { mode: 'converter' }, schema: modeSchema }),
    get('/_spoke/state'),
    write('PUT', '/_spoke/state', {}, { sample: fx.state, schema: emulatorStateSchema }),
    get('/_spoke/apps'),
    write(
      'POST',
      '/_spoke/apps',
      {},
      {
        sample: {
          name: 'Third',
          clientSecrets: ['third-secret'],
          developerApiKey: 'third-key',
          scopes: [...allObjectScopes],
          shareViaTargetUrl: 'https://share.test',
          shareViaShape: 'older',
        },
        schema: createAppSchema,
      },
    ),
    get('/_spoke/apps/:appId', app),
    write('PATCH', '/_spoke/apps/:appId', app, {
      sample: { name: 'Renamed', scopes: [...allObjectScopes], shareViaShape: 'older' },
      schema: patchAppSchema,
      // The baseline card is for contacts, so those scopes cannot go (409). docs/protocol.md §2.1.
      rule: {
        holds: (patch: { scopes?: string[] }) =>
          !patch.scopes || cardScopes.every((scope) => patch.scopes?.includes(scope)),
        status: 409,
      },
    }),
    write('DELETE', '/_spoke/apps/:appId', app),
    get('/_spoke/apps/:appId/share-via', app),
    write('PUT', '/_spoke/apps/:appId/share-via', app, {
      sample: { targetUrl: 'https://share.test/v2', shape: 'older' },
      schema: shareViaSettingsSchema,
    }),
    get('/_spoke/portals'),
    write(
      'POST',
      '/_spoke/portals',
      {},
      { sample: { name: 'Other', domain: 'other.test' }, schema: portalCreateSchema },
    ),
    get('/_spoke/portals/:portalId', { portalId: fx.portalId }),
    write(
      'PATCH',
      '/_spoke/portals/:portalId',
      { portalId: fx.portalId },
      { sample: { name: 'Renamed', domain: 'renamed.test' }, schema: portalPatchSchema },
    ),
    write('DELETE', '/_spoke/portals/:portalId', { portalId: fx.sparePortalId }),
    get('/_spoke/users'),
    write(
      'POST',
      '/_spoke/users',
      {},
      {
        sample: {
          portalId: Number(fx.portalId),
          email: 'new@spoke.test',
          firstName: 'New',
          lastName: 'User',
        },
        schema: userCreateSchema,
      },
    ),
    get('/_spoke/users/:userId', { userId: fx.userId }),
    write(
      'PATCH',
      '/_spoke/users/:userId',
      { userId: fx.userId },
      { sample: { email: 'changed@spoke.test', firstName: 'Changed' }, schema: userPatchSchema },
    ),
    write('DELETE', '/_spoke/users/:userId', { userId: fx.userId }),
    {
      ...get('/_spoke/records/:objectType', { objectType: 'contacts' }),
      query: { sample: { q: 'a', portalId: fx.portalId }, schema: recordListQuerySchema },
    },
    write(
      'POST',
      '/_spoke/records/:objectType',
      { objectType: 'contacts' },
      { sample: { properties: { firstname: 'Ada', score: 3, vip: true } }, schema: createRecordSchema },
    ),
    get('/_spoke/records/:objectType/:id', record),
    write('PATCH', '/_spoke/records/:objectType/:id', record, {
      sample: { properties: { firstname: 'Bo', lastname: null } },
      schema: patchRecordSchema,
    }),
    write('DELETE', '/_spoke/records/:objectType/:id', record),
    write('POST', '/_spoke/records/:objectType/:id/cards', record, {
      sample: { appId: Number(fx.appId), userId: Number(fx.userId) },
      schema: openRecordSchema,
      emptyIsObject: true,
    }),
    write('POST', '/_spoke/records/:objectType/:id/actions', record, {
      sample: { appId: Number(fx.appId), cardId: fx.cardId, action: hook, userId: Number(fx.userId) },
      schema: runActionSchema,
      // Any other card id names no card of the app: 404, whatever its length or characters.
      rule: { holds: (v: { cardId: string }) => v.cardId === fx.cardId, status: 404 },
    }),
    write('POST', '/_spoke/apps/:appId/share-via/flow', app, {
      sample: { frequency: 'now', message: 'Have a look', limit: 10, senderId: Number(fx.userId) },
      schema: shareViaFlowInputSchema,
      emptyIsObject: true,
    }),
    write(
      'POST',
      '/_spoke/apps/:appId/share-via/:event',
      { ...app, event: 'CHECK_PERMISSIONS' },
      { sample: {}, schema: eventPayloadSchema, emptyIsObject: true },
    ),
    write('POST', '/_spoke/apps/:appId/channel-connection/numbers', app, {
      sample: { userId: Number(fx.userId), override: true },
      schema: numbersSchema,
      emptyIsObject: true,
    }),
    write('POST', '/_spoke/apps/:appId/channel-connection/connect', app, {
      sample: { e164PhoneNumber: '+18001231234', userId: Number(fx.userId) },
      schema: connectSchema,
    }),
    get('/_spoke/apps/:appId/channel-connection/connections', app),
    write('DELETE', '/_spoke/apps/:appId/channel-connection/connections/:connectionId', {
      ...app,
      connectionId: fx.connectionId,
    }),
    { ...get('/_spoke/shares'), query: { sample: { appId: fx.appId }, schema: shareListQuerySchema } },
    get('/_spoke/shares/:shareId', share),
    write('POST', '/_spoke/shares/:shareId/pause', share),
    write('POST', '/_spoke/shares/:shareId/resume', share),
    write('POST', '/_spoke/shares/:shareId/run', share),
    write('DELETE', '/_spoke/shares/:shareId', share),
    {
      ...get('/_spoke/reports/:reportId/screenshot.svg', { reportId: '2334567' }),
      anyId: true,
      query: { sample: { name: 'Chat Conversations' }, schema: z.object({ name: z.string().optional() }) },
    },
    {
      ...get('/_spoke/requests'),
      query: { sample: { limit: '5', offset: '0', appId: fx.appId }, schema: requestListQuerySchema },
    },
    write('DELETE', '/_spoke/requests', {}),
    get('/_spoke/requests/:requestId', { requestId: fx.exchangeId }),
    write(
      'POST',
      '/_spoke/requests/:requestId/replay',
      { requestId: fx.exchangeId },
      { sample: { timestamp: 'fresh' }, schema: replaySchema, emptyIsObject: true },
    ),
    { ...get('/_spoke/events'), stream: true },
    get('/_spoke/faults'),
    write(
      'POST',
      '/_spoke/faults',
      {},
      {
        sample: {
          appId: Number(fx.appId),
          target: 'https://nowhere.test',
          enabled: false,
          latencyMs: 1,
          forceStatus: 503,
          signatureVersion: 'v3',
        },
        schema: createFaultSchema,
      },
    ),
    get('/_spoke/faults/:faultId', { faultId: fx.faultId }),
    write(
      'PATCH',
      '/_spoke/faults/:faultId',
      { faultId: fx.faultId },
      { sample: { enabled: false, latencyMs: 2, dropConnection: true }, schema: patchFaultSchema },
    ),
    write('DELETE', '/_spoke/faults/:faultId', { faultId: fx.faultId }),
    write('DELETE', '/_spoke/faults', {}),
    {
      ...get('/_spoke/installs'),
      query: { sample: { appId: fx.appId, portalId: fx.portalId }, schema: installListQuerySchema },
    },
    write('POST', '/_spoke/installs', {}, { sample: { appId: 1000 }, schema: createInstallSchema }),
    write('DELETE', '/_spoke/installs/:appId/:portalId', { appId: fx.appId, portalId: fx.portalId }),
    ...oauthEndpoints(fx),
  ];
  return [...developer, ...control, ...crmEndpoints(fx)];
}

/**
 * HubSpot's CRM objects API, called with the baseline install's access token (contacts read and
 * write). Each path's record is the fixture's contact; a create's email is one no contact has.
 */
function crmEndpoints(fx: Fixture): EndpointSpec[] {
  const crm = (method: string, route: string, params: Record<string, string>, writes: boolean) => ({
    method,
    route,
    family: 'crm' as const,
    params,
    bearer: fx.accessToken,
    writes,
  });
  const one = { objectType: 'contacts', objectId: fx.contactId };
  return [
    {
      ...crm('GET', '/crm/v3/objects/:objectType', { objectType: 'contacts' }, false),
      query: { sample: { limit: '2', archived: 'false' }, schema: crmListQuerySchema },
    },
    {
      ...crm('POST', '/crm/v3/objects/:objectType', { objectType: 'contacts' }, true),
      body: {
        sample: { properties: { email: 'corpus@spoke.test', firstname: 'Corpus' } },
        schema: crmObjectCreateSchema,
      },
    },
    {
      ...crm('POST', '/crm/v3/objects/:objectType/search', { objectType: 'contacts' }, false),
      body: {
        sample: {
          filterGroups: [{ filters: [{ propertyName: 'email', operator: 'HAS_PROPERTY' }] }],
          sorts: [{ propertyName: 'lastname', direction: 'DESCENDING' }],
          properties: ['email'],
          limit: 5,
        },
        schema: crmSearchRequestSchema,
        emptyIsObject: true,
      },
    },
    {
      ...crm('GET', '/crm/v3/objects/:objectType/:objectId', one, false),
      query: { sample: { archived: 'false' }, schema: crmGetQuerySchema },
    },
    {
      ...crm('PATCH', '/crm/v3/objects/:objectType/:objectId', one, true),
      body: { sample: { properties: { open_issues: '2' } }, schema: crmObjectUpdateSchema },
    },
    crm('DELETE', '/crm/v3/objects/:objectType/:objectId', one, true),
  ];
}

/**
 * HubSpot's OAuth paths and the consent screen's control routes. The consent's client, redirect and
 * scope are the fixture's exactly (the routes refuse any other with 400), and the token endpoint
 * takes a form, so its valid request is a refresh (repeatable, unlike a code).
 */
function oauthEndpoints(fx: Fixture): EndpointSpec[] {
  const scope = 'crm.objects.contacts.read';
  const consent = { client_id: fx.clientId, redirect_uri: fx.redirectUri, scope };
  const exact = z.object({
    clientId: z.literal(fx.clientId),
    redirectUri: z.literal(fx.redirectUri),
    scope: z.literal(scope),
  });
  const oauth = (method: string, route: string, params: Record<string, string>, writes: boolean) => ({
    method,
    route,
    family: 'control' as const,
    params,
    writes,
  });
  return [
    oauth('GET', '/oauth/authorize', {}, false),
    oauth('GET', '/oauth/:portalId/authorize', { portalId: fx.portalId }, false),
    {
      ...oauth('GET', '/_spoke/oauth/consent', {}, false),
      query: {
        sample: consent,
        schema: z.object({
          client_id: z.literal(fx.clientId),
          redirect_uri: z.literal(fx.redirectUri),
          scope: z.literal(scope),
        }),
      },
    },
    {
      ...oauth('POST', '/_spoke/oauth/authorize', {}, true),
      body: {
        sample: { clientId: fx.clientId, redirectUri: fx.redirectUri, scope, state: 'xyz' },
        schema: authorizeBodySchema.extend(exact.shape),
      },
    },
    {
      ...oauth('POST', '/oauth/v1/token', {}, true),
      form: {
        grant_type: 'refresh_token',
        client_id: fx.clientId,
        client_secret: testKeys.clientSecret,
        refresh_token: fx.refreshToken,
      },
    },
    oauth('GET', '/oauth/v1/access-tokens/:token', { token: fx.accessToken }, false),
    oauth('GET', '/oauth/v1/refresh-tokens/:token', { token: fx.refreshToken }, false),
    oauth('DELETE', '/oauth/v1/refresh-tokens/:token', { token: fx.refreshToken }, true),
  ];
}
