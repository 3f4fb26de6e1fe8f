import { limits, platformModeSchema } from '@spoke/protocol';
import type { Hono } from 'hono';
import { z } from 'zod';
import { SpokeEmulatorError } from '../../errors.ts';
import { emulatorStateSchema } from '../../store/emulator-state.ts';
import { type ApiContext, isoNow } from '../api-context.ts';
import { parseInput } from '../parse-input.ts';
import { readJson } from '../read-json.ts';

/** Body of `PUT /_spoke/mode`; exported for the hardening corpus. */
export const modeSchema = z.object({ mode: platformModeSchema });

/** Query of `GET /_spoke/state`: secrets leave only when asked for. */
export const stateExportQuerySchema = z.object({
  includeSecrets: z.enum(['true', 'false']).optional(),
});

const mib = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MiB`;

/** Health, info, platform mode, and export/import of the whole state as one JSON document. */
export function registerStateRoutes(api: Hono, ctx: ApiContext): void {
  const { store } = ctx;

  api.get('/_spoke/health', (c) => c.json({ ok: true }));

  api.get('/_spoke/info', async (c) =>
    c.json({
      mode: await ctx.platform.mode(),
      store: store.location,
      schemaVersion: await store.schemaVersion(),
      apps: (await store.apps.list()).map((app) => ({ id: app.id, name: app.name })),
      portals: await store.portals.list(),
    }),
  );

  api.get('/_spoke/mode', async (c) => c.json({ mode: await ctx.platform.mode() }));
  api.put('/_spoke/mode', async (c) => {
    const { mode } = parseInput(modeSchema, await readJson(c), 'mode');
    await ctx.platform.setMode(mode);
    return c.json({ mode });
  });

  api.get('/_spoke/state', async (c) => {
    const { includeSecrets } = parseInput(stateExportQuerySchema, c.req.query(), 'query');
    // The API calls already answered are in the request log it exports.
    await ctx.apiCalls?.idle();
    const state = await store.exportState(isoNow(ctx), { includeSecrets: includeSecrets === 'true' });
    const text = JSON.stringify(state);
    // Export and import share one cap: a file this answers can always be imported back.
    const bytes = Buffer.byteLength(text);
    if (bytes > limits.maxStateImportBytes) {
      throw new SpokeEmulatorError(
        'STORE_STATE_TOO_LARGE',
        `the state is ${mib(bytes)} as JSON, over the ${mib(limits.maxStateImportBytes)} a state import accepts, so it could not be imported back. Clear the request log (DELETE /_spoke/requests) or delete records, then export again.`,
      );
    }
    c.header('content-disposition', 'attachment; filename="spoke-emulator-state.json"');
    return c.body(text, 200, { 'content-type': 'application/json' });
  });

  api.put('/_spoke/state', async (c) => {
    const state = parseInput(emulatorStateSchema, await readJson(c), 'emulator state');
    const current = await store.schemaVersion();
    if (state.schemaVersion > current) {
      throw new SpokeEmulatorError(
        'API_VALIDATION_FAILED',
        `the state file is at schema version ${state.schemaVersion}, newer than this emulator (${current}).`,
      );
    }
    await ctx.platform.stopSchedules();
    // API calls answered before the import are written before it, never into the imported log.
    await ctx.apiCalls?.idle();
    try {
      await store.importState(state);
    } finally {
      // A failed import changed nothing: the schedules it stopped run again.
      await ctx.platform.startSchedules();
    }
    ctx.events.publish({ type: 'state', data: { reason: 'imported' } });
    return c.json({ imported: true, counts: counts(state) });
  });
}

function counts(state: z.infer<typeof emulatorStateSchema>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(state)) if (Array.isArray(value)) out[key] = value.length;
  return out;
}
