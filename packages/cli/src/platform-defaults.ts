/**
 * Who the platform says is calling when `trigger` and `check` run without an emulator: the same
 * portal, app and user the emulator seeds, so logs look alike either way.
 */
export const platformDefaults = {
  appId: 1000,
  portalId: 62515,
  userId: 1,
  userEmail: 'dev@spoke.local',
} as const;
