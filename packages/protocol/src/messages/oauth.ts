import { z } from 'zod';

/**
 * HubSpot's OAuth 2.0 token API (v1): what `POST /oauth/v1/token` answers, the metadata of an
 * access or refresh token, and the error body of the OAuth endpoints. docs/emulator.md, "Installing
 * an app (OAuth)".
 */

/** `POST /oauth/v1/token` (either grant). `expires_in` is 1800: access tokens live 30 minutes. */
export const oauthTokenResponseSchema = z.object({
  token_type: z.literal('bearer'),
  refresh_token: z.string().min(1),
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  /** Only with the `openid` scope. */
  id_token: z.string().optional(),
});
export type OauthTokenResponse = z.infer<typeof oauthTokenResponseSchema>;

/** `GET /oauth/v1/access-tokens/{token}`. */
export const accessTokenInfoSchema = z.object({
  token: z.string(),
  user: z.string().optional(),
  hub_domain: z.string().optional(),
  scopes: z.array(z.string()),
  hub_id: z.number().int(),
  app_id: z.number().int(),
  /** Seconds left. */
  expires_in: z.number().int(),
  user_id: z.number().int(),
  token_type: z.literal('access'),
});
export type AccessTokenInfo = z.infer<typeof accessTokenInfoSchema>;

/** `GET /oauth/v1/refresh-tokens/{token}`. */
export const refreshTokenInfoSchema = z.object({
  token: z.string(),
  user: z.string().optional(),
  hub_domain: z.string().optional(),
  scopes: z.array(z.string()),
  hub_id: z.number().int(),
  client_id: z.string(),
  user_id: z.number().int(),
  token_type: z.literal('refresh'),
});
export type RefreshTokenInfo = z.infer<typeof refreshTokenInfoSchema>;

/**
 * The error body of HubSpot's OAuth endpoints: `status` names the problem (`BAD_AUTH_CODE`,
 * `BAD_REFRESH_TOKEN`, `MISMATCH_REDIRECT_URI_AUTH_CODE`…) where the rest of the API says `"error"`.
 */
export const oauthErrorSchema = z.object({
  status: z.string().regex(/^[A-Z][A-Z_]*$/),
  message: z.string(),
  correlationId: z.string(),
});
export type OauthError = z.infer<typeof oauthErrorSchema>;
