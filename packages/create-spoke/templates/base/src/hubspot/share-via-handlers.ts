import type { ShareViaHandlers } from '@spoke/framework';

/** Where reports can be shared to; replace with your own channels and people. Type 0 = channel, 1 = user. */
const recipients = [
  { id: 'R1', name: '#general', type: 0 },
  { id: 'R2', name: '#sales', type: 0 },
  { id: 'R3', name: '#support', type: 0 },
  { id: 'U1', name: 'Ada Lovelace', type: 1 },
] as const;

/** The permissions this app holds; HubSpot asks before letting a user share. */
const grantedPermissions: readonly string[] = ['upload-file'];

/** Share Via: the four events HubSpot sends while a user shares a report with this app. */
export function createShareViaHandlers(): ShareViaHandlers {
  return {
    checkPermissions: ({ payload }) => ({
      hasAllRequiredPermissions: payload.requiredPermissions.every((p) => grantedPermissions.includes(p)),
    }),
    fetchRecipients: ({ payload }) => {
      const name = payload.recipientsFilter?.name?.toLowerCase() ?? '';
      const type = payload.recipientsFilter?.type;
      const results = recipients
        .filter((r) => r.name.toLowerCase().includes(name) && (type === undefined || r.type === type))
        .slice(0, payload.limit ?? recipients.length)
        .map((r) => ({ id: r.id, name: r.name, type: r.type }));
      return { recipients: { total: results.length, results } };
    },
    fetchRecipient: ({ payload }) => {
      const found = recipients.find((r) => r.id === payload.id && r.type === payload.type);
      if (found === undefined) {
        return Response.json({ message: `No recipient ${payload.id}; pick another one.` }, { status: 404 });
      }
      return { recipient: { id: found.id, name: found.name, type: found.type } };
    },
    shareObject: ({ payload }, ctx) => {
      const { recipient, objectMetadata, message } = payload;
      // Deliver objectMetadata.screenshotUrl and the message to the recipient here.
      ctx.log.info('report shared', { recipient: recipient.id, report: objectMetadata.name, message });
      return { recipientUrl: `https://chat.example.com/${encodeURIComponent(recipient.id)}` };
    },
  };
}
