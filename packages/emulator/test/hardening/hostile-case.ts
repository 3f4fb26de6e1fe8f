import { testKeys } from '../helpers/test-emulator.ts';
import { type EndpointSpec, pathOf } from './endpoints.ts';
import { toJsonText } from './json-mutations.ts';
import type { RawRequest } from './raw-http.ts';

export const caseClasses = [
  'valid',
  'malformed-json',
  'deep-nesting',
  'huge-values',
  'wrong-type',
  'missing-field',
  'unknown-field',
  'unknown-id',
  'oversize',
  'content-type',
  'empty-body',
  'path-param',
  'query',
  'method',
  'auth',
  'duplicate-header',
] as const;
export type CaseClass = (typeof caseClasses)[number];

/** One hostile (or control) request and what the emulator must do with it. */
export interface HostileCase {
  name: string;
  cls: CaseClass;
  endpoint: EndpointSpec;
  request: RawRequest;
  /**
   * `accepted`: 2xx. `refused`: 4xx with HubSpot's error shape, and the store unchanged.
   * `either`: the route decides (an unknown id in a body may be a 404 or simply stored), but a
   * refusal must still be well-formed and leave the store unchanged.
   */
  expect: 'accepted' | 'refused' | 'either';
  /** Refused with one of these statuses (any 4xx when absent). */
  statuses?: number[];
  /** The message or an `errors[].in` names one of these (case-insensitive). */
  mentions?: string[];
  /** For 405: the `Allow` header lists exactly these. */
  allow?: string[];
}

/** The developer API key of the test emulator. */
export const key = testKeys.developerApiKey;
export const jsonHeaders = { 'content-type': 'application/json' };

export function withQuery(path: string, query: Record<string, string> | string): string {
  const text = typeof query === 'string' ? query : new URLSearchParams(query).toString();
  return text === '' ? path : `${path}${path.includes('?') ? '&' : '?'}${text}`;
}

/** The valid request of `spec`, with overrides. */
export function requestFor(
  spec: EndpointSpec,
  over: {
    params?: Record<string, string>;
    query?: string;
    body?: string;
    auth?: boolean;
    headers?: Record<string, string | string[]>;
  } = {},
): RawRequest {
  let path = pathOf(spec.route, { ...spec.params, ...over.params });
  const query = over.query ?? (spec.query ? new URLSearchParams(spec.query.sample).toString() : '');
  path = withQuery(path, query);
  if (spec.auth && over.auth !== false) path = withQuery(path, { hapikey: key });
  const form = spec.form && over.body === undefined ? new URLSearchParams(spec.form).toString() : undefined;
  const body = over.body ?? form ?? (spec.body ? toJsonText(spec.body.sample) : undefined);
  const given: Record<string, string | string[]> =
    over.headers ??
    (form !== undefined
      ? { 'content-type': 'application/x-www-form-urlencoded' }
      : body === undefined
        ? {}
        : { ...jsonHeaders });
  // The CRM API's access token rides along unless the case is about auth or sets its own.
  const headers =
    spec.bearer && over.auth !== false && !Object.keys(given).some((h) => h.toLowerCase() === 'authorization')
      ? { ...given, authorization: `Bearer ${spec.bearer}` }
      : given;
  return {
    method: spec.method,
    path,
    headers,
    ...(body === undefined ? {} : { body }),
    ...(spec.stream ? { headersOnly: true } : {}),
  };
}
