import type { Hono } from 'hono';
import { SpokeEmulatorError } from '../../errors.ts';
import { type Fault, faultSchema } from '../../store/entities.ts';
import { type ApiContext, isoNow } from '../api-context.ts';
import { definedOnly } from '../defined-only.ts';
import { parseInput } from '../parse-input.ts';
import { readJson } from '../read-json.ts';

/** Body of `POST /_spoke/faults`; exported so the hardening corpus mutates bodies against the same schema. */
export const createFaultSchema = faultSchema
  .omit({ id: true, createdAt: true })
  .partial({ appId: true, target: true, enabled: true });
/** Body of `PATCH /_spoke/faults/{faultId}`. */
export const patchFaultSchema = faultSchema.omit({ id: true, createdAt: true }).partial();

/** Fault injection: list, add (per app, per target URL prefix, or everywhere), change, remove. */
export function registerFaultRoutes(api: Hono, ctx: ApiContext): void {
  const { store } = ctx;
  const getFault = async (id: string) => {
    const fault = await store.faults.get(id);
    if (!fault) throw new SpokeEmulatorError('API_NOT_FOUND', `no fault ${id}.`);
    return fault;
  };

  api.get('/_spoke/faults', async (c) => c.json({ results: await store.faults.list() }));

  api.post('/_spoke/faults', async (c) => {
    const input = parseInput(createFaultSchema, await readJson(c), 'fault');
    if (input.appId != null && !(await store.apps.get(input.appId))) {
      throw new SpokeEmulatorError('API_NOT_FOUND', `no app ${input.appId} to inject a fault into.`);
    }
    const fault: Fault = {
      ...definedOnly(input),
      id: ctx.randomUUID(),
      appId: input.appId ?? null,
      target: input.target ?? null,
      enabled: input.enabled ?? true,
      createdAt: isoNow(ctx),
    };
    await store.faults.insert(fault.id, fault, fault.appId ?? '');
    return c.json(fault, 201);
  });

  api.get('/_spoke/faults/:faultId', async (c) => c.json(await getFault(c.req.param('faultId'))));

  api.patch('/_spoke/faults/:faultId', async (c) => {
    const input = parseInput(patchFaultSchema, await readJson(c), 'fault patch');
    const fault = await store.serialized(async () => {
      const next: Fault = { ...(await getFault(c.req.param('faultId'))), ...definedOnly(input) };
      await store.faults.put(next.id, next, next.appId ?? '');
      return next;
    });
    return c.json(fault);
  });

  api.delete('/_spoke/faults/:faultId', async (c) => {
    if (!(await store.faults.delete(c.req.param('faultId')))) {
      throw new SpokeEmulatorError('API_NOT_FOUND', `no fault ${c.req.param('faultId')}.`);
    }
    return c.body(null, 204);
  });

  api.delete('/_spoke/faults', async (c) => {
    await store.write([store.faults.clearWrite()]);
    return c.body(null, 204);
  });
}
