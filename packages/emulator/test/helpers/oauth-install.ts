import type { Emulator } from '@spoke/emulator';
import { call, testKeys } from './test-emulator.ts';

/** The redirect URL the helpers register for app 1000. */
export const testRedirectUri = 'https://app.test/oauth-callback';

/** The scopes the helpers install with unless told: a contacts card needs both, an install without them shows no contacts card. */
export const contactsScope = 'crm.objects.contacts.read crm.objects.contacts.write';

/**
 * Installs app 1000 through HubSpot's OAuth as an app would: registers the redirect URL, gives
 * consent (the consent screen's control route) and exchanges the code at `POST /oauth/v1/token`.
 * `portalId` picks the portal the consent is given in (the consent screen's default otherwise).
 */
export async function installThroughOauth(
  emulator: Pick<Emulator, 'fetch'>,
  scope = contactsScope,
  options: { portalId?: number } = {},
): Promise<{ clientId: string; accessToken: string; refreshToken: string }> {
  const app = await call<{ clientId: string }>(emulator, 'PATCH', '/_spoke/apps/1000', {
    redirectUrls: [testRedirectUri],
  });
  const consent = await call<{ location: string }>(emulator, 'POST', '/_spoke/oauth/authorize', {
    clientId: app.body.clientId,
    redirectUri: testRedirectUri,
    scope,
    portalId: options.portalId,
  });
  if (consent.status !== 200) throw new Error(`consent: ${JSON.stringify(consent.body)}`);
  const answer = await emulator.fetch(
    new Request('http://emulator.test/oauth/v1/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: app.body.clientId,
        client_secret: testKeys.clientSecret,
        redirect_uri: testRedirectUri,
        code: new URL(consent.body.location).searchParams.get('code') ?? '',
      }),
    }),
  );
  if (answer.status !== 200) throw new Error(`token: ${await answer.text()}`);
  const tokens = (await answer.json()) as { access_token: string; refresh_token: string };
  return {
    clientId: app.body.clientId,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
  };
}
