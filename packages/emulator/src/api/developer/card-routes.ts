import {
  type AuditHistoryEntry,
  type CardDefinition,
  cardDefinitionCreateSchema,
  cardDefinitionPatchSchema,
  cardDefinitionWarnings,
  limits,
} from '@spoke/protocol';
import type { Hono } from 'hono';
import { SpokeEmulatorError } from '../../errors.ts';
import type { App } from '../../store/entities.ts';
import { type ApiContext, isoNow } from '../api-context.ts';
import { definedOnly } from '../defined-only.ts';
import { issueError } from '../issue-error.ts';
import { parseInput } from '../parse-input.ts';
import { readJson } from '../read-json.ts';
import { authorizeDeveloper } from './authorize-developer.ts';
import { missingScopes } from './missing-scopes.ts';
import { sampleCardResponse } from './sample-card-response.ts';
import { warnConverterDefinition } from './warn-converter-definition.ts';
import { warnIgnoredFields } from './warn-ignored-fields.ts';

/** The three prefixes HubSpot serves card definitions under. docs/protocol.md §2.1. */
export const cardPathPrefixes = [
  '/crm/v3/extensions/cards-dev',
  '/crm/v3/extensions/cards',
  '/crm/extensions/cards-dev/2026-03',
] as const;

function checkScopes(app: App, fetch: CardDefinition['fetch']): void {
  const issues = missingScopes(fetch, app.scopes);
  if (issues.length > 0) {
    throw new SpokeEmulatorError(
      'API_MISSING_SCOPES',
      `app ${app.id} lacks scopes for this card: ${issues.map((i) => i.message).join('; ')}.`,
      { cause: issueError(issues) },
    );
  }
}

async function findCard(ctx: ApiContext, app: App, cardId: string): Promise<CardDefinition> {
  const card = (await ctx.store.cards.list({ scope: app.id })).find((c) => c.id === cardId);
  if (!card) throw new SpokeEmulatorError('API_NOT_FOUND', `app ${app.id} has no card ${cardId}.`);
  return card;
}

async function audit(ctx: ApiContext, app: App, actionType: AuditHistoryEntry['actionType']) {
  const [user] = await ctx.store.users.list({ limit: 1 });
  const entry: AuditHistoryEntry = {
    actionType,
    authSource: 'EXTERNAL',
    changedAt: ctx.now(),
    applicationId: app.id,
  };
  if (user) entry.initiatingUserId = user.id;
  return entry;
}

/** Card definitions: create, list, get, patch, delete and sample-response, under every prefix. */
export function registerCardRoutes(api: Hono, ctx: ApiContext): void {
  for (const prefix of cardPathPrefixes) {
    api.get(`${prefix}/sample-response`, (c) => c.json(sampleCardResponse));

    api.post(`${prefix}/:appId`, async (c) => {
      const app = await authorizeDeveloper(c, ctx.store);
      const body = await readJson(c);
      const input = parseInput(cardDefinitionCreateSchema, body, 'card definition');
      checkScopes(app, input.fetch);
      const card = await ctx.store.serialized(async () => {
        const count = await ctx.store.cards.count(app.id);
        if (count >= limits.maxCardsPerApp) {
          throw new SpokeEmulatorError(
            'API_CARD_LIMIT_REACHED',
            `app ${app.id} already has ${count} cards, the most HubSpot allows (${limits.maxCardsPerApp}); delete one first.`,
          );
        }
        const now = isoNow(ctx);
        const created: CardDefinition = {
          ...input,
          id: String(await ctx.store.nextId('card', 1001)),
          createdAt: now,
          updatedAt: now,
          auditHistory: [await audit(ctx, app, 'CREATE')],
        };
        await ctx.store.cards.insert(created.id, created, app.id);
        return created;
      });
      warnIgnoredFields(c, ctx, cardDefinitionWarnings(body));
      await warnConverterDefinition(c, ctx, app, card);
      return c.json(card, 201);
    });

    api.get(`${prefix}/:appId`, async (c) => {
      const app = await authorizeDeveloper(c, ctx.store);
      return c.json({ results: await ctx.store.cards.list({ scope: app.id }) });
    });

    api.get(`${prefix}/:appId/:cardId`, async (c) => {
      const app = await authorizeDeveloper(c, ctx.store);
      return c.json(await findCard(ctx, app, c.req.param('cardId')));
    });

    api.patch(`${prefix}/:appId/:cardId`, async (c) => {
      const app = await authorizeDeveloper(c, ctx.store);
      const body = await readJson(c);
      const patch = parseInput(cardDefinitionPatchSchema, body, 'card patch');
      const updated = await ctx.store.serialized(async () => {
        const card = await findCard(ctx, app, c.req.param('cardId'));
        const merged: CardDefinition = {
          ...card,
          ...definedOnly(patch),
          updatedAt: isoNow(ctx),
          auditHistory: [...card.auditHistory, await audit(ctx, app, 'UPDATE')],
        };
        checkScopes(app, merged.fetch);
        await ctx.store.cards.put(merged.id, merged, app.id);
        return merged;
      });
      warnIgnoredFields(c, ctx, cardDefinitionWarnings(body, { patch: true }));
      await warnConverterDefinition(c, ctx, app, updated);
      return c.json(updated);
    });

    api.delete(`${prefix}/:appId/:cardId`, async (c) => {
      const app = await authorizeDeveloper(c, ctx.store);
      const card = await findCard(ctx, app, c.req.param('cardId'));
      await ctx.store.cards.delete(card.id);
      return c.body(null, 204);
    });
  }
}
