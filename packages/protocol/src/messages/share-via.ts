import { z } from 'zod';

/** The four Share Via events, in the order the platform sends them. docs/protocol.md §3. */
export const shareViaEvents = [
  'CHECK_PERMISSIONS',
  'FETCH_RECIPIENTS',
  'FETCH_RECIPIENT',
  'SHARE_OBJECT',
] as const;
export const shareViaEventSchema = z.enum(shareViaEvents);
export type ShareViaEvent = z.infer<typeof shareViaEventSchema>;

/** Path of an event below the app's target base URL. */
export function shareViaEventPath(event: ShareViaEvent): string {
  return `/feature/SHARE_VIA/event/${event}`;
}

/** Recipient type: 0 = channel, 1 = user. */
export const recipientTypeSchema = z.union([z.literal(0), z.literal(1)]);
export type RecipientType = z.infer<typeof recipientTypeSchema>;

export const recipientSchema = z.object({ id: z.string(), name: z.string(), type: recipientTypeSchema });
export type Recipient = z.infer<typeof recipientSchema>;

const envelope = { portalId: z.number().int(), appId: z.number().int() };

function request<P extends z.ZodType>(payload: P) {
  return z.object({ ...envelope, payload });
}
function response<E extends ShareViaEvent, P extends z.ZodType>(event: E, payload: P) {
  return z.object({ ...envelope, eventType: z.literal(event), payload });
}

export const checkPermissionsPayloadSchema = z.object({ requiredPermissions: z.array(z.string()) });

/** CHECK_PERMISSIONS in either documented shape; the older puts `requiredPermissions` at the top. */
export const checkPermissionsRequestSchema = z.union([
  request(checkPermissionsPayloadSchema),
  z
    .object({ ...envelope, requiredPermissions: z.array(z.string()) })
    .transform(({ requiredPermissions, ...rest }) => ({ ...rest, payload: { requiredPermissions } })),
]);
export type CheckPermissionsRequest = z.output<typeof checkPermissionsRequestSchema>;
export const checkPermissionsResponseSchema = response(
  'CHECK_PERMISSIONS',
  z.object({ hasAllRequiredPermissions: z.boolean() }),
).extend({ integrationComponentIdentifier: z.literal('SHARE_VIA').optional() });
export type CheckPermissionsResponse = z.infer<typeof checkPermissionsResponseSchema>;

export const fetchRecipientsRequestSchema = request(
  z.object({
    recipientsFilter: z
      .object({ type: recipientTypeSchema.optional(), name: z.string().optional() })
      .optional(),
    limit: z.number().int().positive().optional(),
    nextPageAfter: z.string().optional(),
  }),
);
export type FetchRecipientsRequest = z.infer<typeof fetchRecipientsRequestSchema>;
export const fetchRecipientsResponseSchema = response(
  'FETCH_RECIPIENTS',
  z.object({
    recipients: z.object({
      total: z.number().int().nonnegative(),
      results: z.array(recipientSchema),
      // Not in HubSpot's page; Spoke's platform pages with it when present. docs/protocol.md §3 Decision.
      nextPageAfter: z.string().optional(),
    }),
  }),
);
export type FetchRecipientsResponse = z.infer<typeof fetchRecipientsResponseSchema>;

export const fetchRecipientRequestSchema = request(z.object({ id: z.string(), type: recipientTypeSchema }));
export type FetchRecipientRequest = z.infer<typeof fetchRecipientRequestSchema>;
export const fetchRecipientResponseSchema = response(
  'FETCH_RECIPIENT',
  z.object({ recipient: recipientSchema }),
);
export type FetchRecipientResponse = z.infer<typeof fetchRecipientResponseSchema>;

export const shareObjectRequestSchema = request(
  z.object({
    sender: z.object({ id: z.number().int() }),
    recipient: recipientSchema,
    message: z.string().optional(),
    objectMetadata: z.object({
      id: z.number().int(),
      type: z.number().int(),
      name: z.string(),
      screenshotUrl: z.string().optional(),
    }),
  }),
);
export type ShareObjectRequest = z.infer<typeof shareObjectRequestSchema>;
export const shareObjectResponseSchema = response(
  'SHARE_OBJECT',
  z.object({ recipientUrl: z.string().optional() }),
);
export type ShareObjectResponse = z.infer<typeof shareObjectResponseSchema>;

/** Request and response schema of each event, for routers and dispatchers that loop over events. */
export const shareViaSchemas = {
  CHECK_PERMISSIONS: { request: checkPermissionsRequestSchema, response: checkPermissionsResponseSchema },
  FETCH_RECIPIENTS: { request: fetchRecipientsRequestSchema, response: fetchRecipientsResponseSchema },
  FETCH_RECIPIENT: { request: fetchRecipientRequestSchema, response: fetchRecipientResponseSchema },
  SHARE_OBJECT: { request: shareObjectRequestSchema, response: shareObjectResponseSchema },
} as const;
