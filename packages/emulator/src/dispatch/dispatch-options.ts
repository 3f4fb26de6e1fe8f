import type { PermittedUrls, SignatureVersion, V3UrlForm } from '@spoke/protocol';
import type { Faults } from './faults.ts';
import type { HubSpotFetchSlots } from './hubspot-fetch-slots.ts';
import type { Transport } from './transport.ts';

/** What every dispatch function takes besides its message: the world, injected. */
export interface DispatchOptions {
  /** How calls go out: `createNodeTransport()`, or `createFetchTransport({ fetch })` in tests. */
  transport: Transport;
  /** Epoch ms; read once per attempt for the signature timestamp and `startedAt`. */
  clock: () => number;
  /** Ids for exchanges and correlation ids. @default crypto.randomUUID */
  randomUUID?: () => string;
  /** Faults to inject into this call. */
  faults?: Faults;
  /**
   * Signatures to send (v1 on request, instead of v2).
   * @default ['v2', 'v3']
   */
  signatureVersions?: readonly SignatureVersion[];
  /**
   * Which URL the v3 signature covers: `decoded` as HubSpot's docs say (legacy CRM cards), `raw`
   * as `hubspot.fetch` signs it (converter mode sets it). docs/decisions/0011
   * @default 'decoded'
   */
  v3UrlForm?: V3UrlForm;
  /**
   * hubspot.fetch's in-flight calls per app and account (converter mode: the 21st is answered 429).
   * @default one counter per transport (`hubspotFetchSlotsOf`)
   */
  hubspotFetchSlots?: HubSpotFetchSlots;
}

/** The app whose secret signs the call. */
export interface DispatchApp {
  id: number;
  clientSecret: string;
  /** Public base URL to sign for; the call is still delivered to the target. See `publicTarget`. */
  publicUrl?: string | null;
  /**
   * The app's `permittedUrls` (null: it has none): converter-mode calls that `fetch` does not cover
   * are marked "refused in production". Absent: not judged (a caller that does not know the app's).
   */
  permittedUrls?: PermittedUrls | null;
}

/** The list a converter call is judged against: `fetch` of the app's `permittedUrls` ([] when it has none), or undefined when the caller did not say. */
export function permittedFetchUrls(app: Pick<DispatchApp, 'permittedUrls'>): readonly string[] | undefined {
  if (app.permittedUrls === undefined) return undefined;
  return app.permittedUrls?.fetch ?? [];
}
