import { isSurelyValidLegacyCardResponse, serializeLegacyCardResponse } from '@spoke/protocol';
import { expect, test } from 'vitest';
import { useTestDatabases } from './helpers/test-databases.ts';
import { acme, createTestTracker, maria } from './helpers/test-tracker.ts';

const databases = useTestDatabases('sqlite');

// The framework checks a card reply with the quick check first and zod only when it is unsure:
// the tracker's replies (every property type it uses, all three action kinds) take the quick path.
test("the tracker's card replies pass the framework's quick reply check", async () => {
  const { client } = await createTestTracker(await databases.open());
  for (const record of [maria, acme]) {
    const { status, body } = await client.cardFetch('/hubspot/card', {
      params: {
        associatedObjectType: record.objectType,
        associatedObjectId: record.objectId,
        portalId: record.portalId,
      },
    });
    expect(status).toBe(200);
    expect(body.results.length).toBeGreaterThan(0);
    expect(isSurelyValidLegacyCardResponse(body)).toBe(true);
    // …and the serializer compiled from the same schema writes them without a read-back.
    expect(serializeLegacyCardResponse(body)).toBe(JSON.stringify(body));
  }
});
