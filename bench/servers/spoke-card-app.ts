import { createApp, type SpokeApp } from '@spoke/framework';
import { benchSecret, buildCardReply, cardPath } from '../../tests/helpers/card-fixture.ts';

/**
 * The benchmark service on @spoke/framework: verify, parse, handler, validated reply. `create` is
 * the compiled package's `createApp` in the load servers (`framework-modules.ts`), the source's
 * otherwise.
 */
export function createSpokeCardApp(create: typeof createApp = createApp): SpokeApp {
  return create({ clientSecret: benchSecret }).crmCard(cardPath, (input) =>
    buildCardReply(input.associatedObjectId, input.userEmail),
  );
}
