import {
  callingSettingsCreateSchema,
  cardDefinitionCreateSchema,
  channelConnectionSettingsCreateSchema,
  httpUrlSchema,
  limits,
  permittedUrlsSchema,
  platformModeSchema,
  publicBaseUrlSchema,
} from '@spoke/protocol';
import { z } from 'zod';

/**
 * One card in `spoke.config.json`: the developer API's create body plus a stable local `key`.
 * Remote cards are matched by `title` (HubSpot stores no key); `renamedFrom` lets a rename
 * update the card in place instead of deleting and re-creating it. See docs/cli.md.
 */
export const configCardSchema = cardDefinitionCreateSchema.extend({
  key: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be lower-case letters, digits, ".", "_" or "-"')
    .describe('Stable local name of the card (for diffs and `spoke trigger card --card`).'),
  renamedFrom: z
    .string()
    .min(1)
    .optional()
    .describe('The previous title, so a rename updates the remote card instead of re-creating it.'),
  publicUrl: publicBaseUrlSchema
    .optional()
    .describe(
      "This card's public base URL when it sits behind another tunnel than the app's publicUrl: the emulator signs its data fetch and action hooks for it. An emulator setting.",
    ),
});
export type ConfigCard = z.infer<typeof configCardSchema>;

/** Share Via settings: the app's one target base URL. docs/protocol.md §3. */
export const configShareViaSchema = z.object({ targetBaseUrl: httpUrlSchema });

const appIdSchema = z.union([
  z.number().int().positive(),
  z.string().regex(/^\d+$/, 'must be a whole number'),
]);

/**
 * `spoke.config.json`: an app's extensions, declared once and reconciled by `spoke push`.
 * A section left out is not managed; `null` for calling, channelConnection, shareVia, publicUrl,
 * mode or permittedUrls removes it.
 */
export const spokeConfigSchema = z
  .object({
    $schema: z.string().optional(),
    appId: appIdSchema
      .optional()
      .describe('The app these settings belong to; --app-id and SPOKE_APP_ID override it.'),
    cards: z
      .array(configCardSchema)
      .max(
        limits.maxCardsPerApp,
        `must have at most ${limits.maxCardsPerApp} cards (HubSpot's limit per app)`,
      )
      .optional(),
    calling: callingSettingsCreateSchema.nullable().optional(),
    channelConnection: channelConnectionSettingsCreateSchema.nullable().optional(),
    shareVia: configShareViaSchema.nullable().optional(),
    publicUrl: publicBaseUrlSchema
      .nullable()
      .optional()
      .describe(
        "The public base URL HubSpot calls (your tunnel or proxy, e.g. https://abc.ngrok.app): the emulator signs every call for it and delivers it to the card's own URL. An emulator setting; HubSpot calls the URLs in your definitions.",
      ),
    mode: platformModeSchema
      .nullable()
      .optional()
      .describe(
        "The request shape the emulator sends this app: 'converter' (HubSpot's Legacy CRM Card Converter, the live path since legacy cards stopped rendering on 31 Oct 2026) or 'legacy'. null or left out: the emulator's mode. See docs/migration.md.",
      ),
    redirectUrls: z
      .array(httpUrlSchema)
      .min(1, 'must list at least one URL; null removes them')
      .nullable()
      .optional()
      .describe(
        "The app's OAuth redirect URLs, as in its Auth settings on HubSpot: /oauth/authorize sends the browser back only to one of them, exactly (scheme, host, port, path). An emulator setting here; on HubSpot set them in the app's settings. null removes them.",
      ),
    permittedUrls: permittedUrlsSchema
      .nullable()
      .optional()
      .describe(
        "The app's permittedUrls as in HubSpot's app-hsmeta.json: the https:// URLs (or prefixes) hubspot.fetch may call (fetch), open in an iframe (iframe) and show as images (img). The card converter calls the card's targetUrl and its action hooks through hubspot.fetch, so list both under fetch; in converter mode the emulator marks a call outside them 'refused in production'. null removes them.",
      ),
  })
  .strict()
  .superRefine((config, ctx) => {
    const seen = { key: new Map<string, number>(), title: new Map<string, number>() };
    (config.cards ?? []).forEach((card, index) => {
      for (const field of ['key', 'title'] as const) {
        const first = seen[field].get(card[field]);
        if (first === undefined) seen[field].set(card[field], index);
        else {
          ctx.addIssue({
            code: 'custom',
            path: ['cards', index, field],
            message: `duplicates cards.${first}.${field} ${JSON.stringify(card[field])}; each card needs its own ${field} (cards are matched by title)`,
          });
        }
      }
    });
  });
export type SpokeConfig = z.infer<typeof spokeConfigSchema>;

// Kept in its own module so registering commands (help text) does not load zod.
export { defaultConfigFile } from './default-config-file.ts';
