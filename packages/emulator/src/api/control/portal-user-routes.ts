import type { Hono } from 'hono';
import { SpokeEmulatorError } from '../../errors.ts';
import { type Portal, portalSchema, type User, userSchema } from '../../store/entities.ts';
import type { ApiContext } from '../api-context.ts';
import { definedOnly } from '../defined-only.ts';
import { parseInput } from '../parse-input.ts';
import { readJson } from '../read-json.ts';
import { numericParam } from './path-params.ts';

/** Portals and users: list, create, get, patch, delete. A portal with users, shares or connected numbers cannot be deleted. */
export function registerPortalUserRoutes(api: Hono, ctx: ApiContext): void {
  const { store } = ctx;

  api.get('/_spoke/portals', async (c) => c.json({ results: await store.portals.list() }));
  api.post('/_spoke/portals', async (c) => {
    const input = parseInput(portalSchema.partial({ id: true }), await readJson(c), 'portal');
    const portal = await store.serialized(async () => {
      let id = input.id;
      if (id !== undefined && (await store.portals.get(id))) {
        throw new SpokeEmulatorError('API_CONFLICT', `portal ${id} exists already.`);
      }
      while (id === undefined || (await store.portals.get(id))) id = await store.nextId('portal', 70001);
      const created: Portal = { ...input, id };
      await store.portals.insert(id, created);
      return created;
    });
    return c.json(portal, 201);
  });
  const getPortal = async (id: number) => {
    const portal = await store.portals.get(id);
    if (!portal) throw new SpokeEmulatorError('API_NOT_FOUND', `no portal ${id}.`);
    return portal;
  };
  api.get('/_spoke/portals/:portalId', async (c) => c.json(await getPortal(numericParam(c, 'portalId'))));
  api.patch('/_spoke/portals/:portalId', async (c) => {
    const input = parseInput(portalSchema.omit({ id: true }).partial(), await readJson(c), 'portal patch');
    const portal = await store.serialized(async () => {
      const next: Portal = { ...(await getPortal(numericParam(c, 'portalId'))), ...definedOnly(input) };
      await store.portals.put(next.id, next);
      return next;
    });
    return c.json(portal);
  });
  api.delete('/_spoke/portals/:portalId', async (c) => {
    const portal = await getPortal(numericParam(c, 'portalId'));
    if ((await store.users.count(portal.id)) > 0) {
      throw new SpokeEmulatorError('API_CONFLICT', `portal ${portal.id} still has users; delete them first.`);
    }
    // Shares and connected numbers name their portal: deleting it under them would leave a state
    // whose export no import accepts (the import checks every reference).
    const shares = (await store.shares.list()).filter((share) => share.portalId === portal.id);
    const numbers = (await store.connectedNumbers.list()).filter((number) => number.portalId === portal.id);
    if (shares.length > 0 || numbers.length > 0) {
      throw new SpokeEmulatorError(
        'API_CONFLICT',
        `portal ${portal.id} still has ${shares.length} share(s) and ${numbers.length} connected number(s); delete them first (DELETE /_spoke/shares/{id}, DELETE /_spoke/apps/{appId}/channel-connection/connections/{id}).`,
      );
    }
    await store.portals.delete(portal.id);
    return c.body(null, 204);
  });

  api.get('/_spoke/users', async (c) => c.json({ results: await store.users.list() }));
  api.post('/_spoke/users', async (c) => {
    const input = parseInput(userSchema.partial({ id: true }), await readJson(c), 'user');
    const user = await store.serialized(async () => {
      await getPortal(input.portalId);
      let id = input.id;
      if (id !== undefined && (await store.users.get(id))) {
        throw new SpokeEmulatorError('API_CONFLICT', `user ${id} exists already.`);
      }
      while (id === undefined || (await store.users.get(id))) id = await store.nextId('user', 2);
      const created: User = { ...input, id };
      await store.users.insert(id, created, created.portalId);
      return created;
    });
    return c.json(user, 201);
  });
  const getUser = async (id: number) => {
    const user = await store.users.get(id);
    if (!user) throw new SpokeEmulatorError('API_NOT_FOUND', `no user ${id}.`);
    return user;
  };
  api.get('/_spoke/users/:userId', async (c) => c.json(await getUser(numericParam(c, 'userId'))));
  api.patch('/_spoke/users/:userId', async (c) => {
    const input = parseInput(userSchema.omit({ id: true }).partial(), await readJson(c), 'user patch');
    const user = await store.serialized(async () => {
      const next: User = { ...(await getUser(numericParam(c, 'userId'))), ...definedOnly(input) };
      await getPortal(next.portalId);
      await store.users.put(next.id, next, next.portalId);
      return next;
    });
    return c.json(user);
  });
  api.delete('/_spoke/users/:userId', async (c) => {
    const user = await getUser(numericParam(c, 'userId'));
    await store.users.delete(user.id);
    return c.body(null, 204);
  });
}
