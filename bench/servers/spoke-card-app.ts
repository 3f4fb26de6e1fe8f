import { createApp, type SpokeApp } from '@spoke/framework';
import { benchSecret, buildCardReply, cardPath } from '../lib/card-fixture.ts';

/** The benchmark service on @spoke/framework: verify, parse, handler, validated reply. */
export function createSpokeCardApp(): SpokeApp {
  return createApp({ clientSecret: benchSecret }).crmCard(cardPath, (input) =>
    buildCardReply(input.associatedObjectId, input.userEmail),
  );
}
