import type { HookMethod, PlatformMode } from '@spoke/protocol';

// Registering the commands must not load @spoke/protocol: its entry point builds every zod schema,
// which is most of a cold `spoke --help`. These are the few protocol values the help text shows;
// packages/cli/test/registry.test.ts keeps them equal to the protocol's own.

/** `platformModeSchema.options`: how action hooks are sent. */
export const platformModes: readonly PlatformMode[] = ['legacy', 'converter'];

/** `hookMethodSchema.options`: the methods an action hook may use. */
export const hookMethods: readonly HookMethod[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];

/** `limits.totalDeadlineMs`: the platform's whole-request deadline. */
export const totalDeadlineMs = 5_000;
