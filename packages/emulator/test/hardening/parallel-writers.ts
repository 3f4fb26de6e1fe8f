import { cardBody } from '../helpers/test-emulator.ts';
import { seededRandom } from './json-mutations.ts';
import type { RawResponse } from './raw-http.ts';

type Send = (method: string, path: string, body?: unknown) => Promise<RawResponse>;

/** What one writer was told succeeded: the state it expects to find afterwards. */
export interface Acknowledged {
  writer: number;
  appId: number;
  /** Card id → title. */
  cards: Map<string, string>;
  /** Record id → firstname. */
  records: Map<string, string>;
  faults: Set<string>;
  shares: Set<string>;
  exchanges: Set<string>;
  callingSettingsName: string | null;
  /** The last value this writer set on its own property of the shared record (lost-update check). */
  sharedValue: string | null;
  writes: number;
}

/** A seeded contact every writer patches at once, each its own property. */
export const sharedRecordId = '101';

/** A response that is not what a correct emulator sends to a valid write. */
export interface WriterProblem {
  writer: number;
  op: string;
  status: number;
  text: string;
}

const ops = [
  'createCard',
  'patchCard',
  'deleteCard',
  'createRecord',
  'patchRecord',
  'deleteRecord',
  'createFault',
  'deleteFault',
  'openRecord',
  'shareNow',
  'callingSettings',
  'patchShared',
  'patchShared',
] as const;

/**
 * One writer: creates its own app, then `count` seeded writes of every kind against it
 * (cards, records, faults, settings, dispatches that write the request log), keeping what
 * each acknowledged (2xx) reply says now exists.
 */
export async function runWriter(
  send: Send,
  writer: number,
  count: number,
  seed: number,
  problems: WriterProblem[],
): Promise<Acknowledged> {
  const random = seededRandom(seed + writer);
  const call = async (op: string, method: string, path: string, body?: unknown) => {
    const res = await send(method, path, body);
    if (res.status >= 300 || /SQLITE_BUSY|database is locked/i.test(res.text)) {
      problems.push({ writer, op, status: res.status, text: res.text.slice(0, 300) });
      return null;
    }
    return res.text === '' ? {} : (JSON.parse(res.text) as Record<string, unknown>);
  };
  const app = await call('createApp', 'POST', '/_spoke/apps', {
    name: `Writer ${writer}`,
    shareViaTargetUrl: 'https://share.test',
  });
  if (!app) throw new Error(`writer ${writer} could not create its app`);
  const appId = app.id as number;
  const ack: Acknowledged = {
    writer,
    appId,
    cards: new Map(),
    records: new Map(),
    faults: new Set(),
    shares: new Set(),
    exchanges: new Set(),
    callingSettingsName: null,
    sharedValue: null,
    writes: 0,
  };
  const cardsPath = `/crm/v3/extensions/cards-dev/${appId}`;
  const key = (path: string) => `${path}?hapikey=dev-key-123`;
  const any = <T>(items: Iterable<T>): T | undefined => {
    const list = [...items];
    return list.length === 0 ? undefined : random.pick(list);
  };
  const keepExchanges = (body: Record<string, unknown> | null) => {
    for (const e of (body?.exchanges as { id: string }[] | undefined) ?? []) ack.exchanges.add(e.id);
  };

  for (let i = 0; i < count; i++) {
    const op = random.pick(ops);
    const tag = `w${writer}-${i}`;
    ack.writes += 1;
    switch (op) {
      case 'createCard': {
        if (ack.cards.size >= 20) break;
        const card = await call(op, 'POST', key(cardsPath), { ...cardBody(), title: tag });
        if (card) ack.cards.set(card.id as string, tag);
        break;
      }
      case 'patchCard': {
        const id = any(ack.cards.keys());
        if (id && (await call(op, 'PATCH', key(`${cardsPath}/${id}`), { title: tag })))
          ack.cards.set(id, tag);
        break;
      }
      case 'deleteCard': {
        const id = any(ack.cards.keys());
        if (id && (await call(op, 'DELETE', key(`${cardsPath}/${id}`)))) ack.cards.delete(id);
        break;
      }
      case 'createRecord': {
        const record = await call(op, 'POST', '/_spoke/records/contacts', { properties: { firstname: tag } });
        if (record) ack.records.set(record.id as string, tag);
        break;
      }
      case 'patchRecord': {
        const id = any(ack.records.keys());
        const body = { properties: { firstname: tag } };
        if (id && (await call(op, 'PATCH', `/_spoke/records/contacts/${id}`, body))) ack.records.set(id, tag);
        break;
      }
      case 'deleteRecord': {
        const id = any(ack.records.keys());
        if (id && (await call(op, 'DELETE', `/_spoke/records/contacts/${id}`))) ack.records.delete(id);
        break;
      }
      case 'createFault': {
        const fault = await call(op, 'POST', '/_spoke/faults', {
          appId,
          target: `https://nowhere-${tag}.test`,
        });
        if (fault) ack.faults.add(fault.id as string);
        break;
      }
      case 'deleteFault': {
        const id = any(ack.faults);
        if (id && (await call(op, 'DELETE', `/_spoke/faults/${id}`))) ack.faults.delete(id);
        break;
      }
      case 'openRecord': {
        const id = any(ack.records.keys()) ?? '101';
        keepExchanges(await call(op, 'POST', `/_spoke/records/contacts/${id}/cards`, { appId }));
        break;
      }
      case 'shareNow': {
        const flow = await call(op, 'POST', `/_spoke/apps/${appId}/share-via/flow`, { frequency: 'now' });
        keepExchanges(flow);
        const share = flow?.share as { id: string } | null | undefined;
        if (share) ack.shares.add(share.id);
        break;
      }
      case 'patchShared': {
        const body = { properties: { [`writer${writer}`]: tag } };
        if (await call(op, 'PATCH', `/_spoke/records/contacts/${sharedRecordId}`, body))
          ack.sharedValue = tag;
        break;
      }
      case 'callingSettings': {
        const path = key(`/crm/v3/extensions/calling/${appId}/settings`);
        const method = ack.callingSettingsName === null ? 'POST' : 'PATCH';
        if (await call(op, method, path, { name: tag, url: 'https://dial.test' }))
          ack.callingSettingsName = tag;
        break;
      }
    }
  }
  return ack;
}
