import { useCallback, useEffect, useState } from 'react';
import { openRecord } from '../../api/records.ts';
import type { CardView, CrmRecord, Exchange, OpenRecordResult } from '../../api/types.ts';
import { statusFailure } from '../../components/StatusReason.tsx';
import { useStream } from '../inspector/use-exchange-stream.ts';
import type { CardState } from './CrmCard.tsx';

/** One card slot on the record sidebar. */
export interface CardSlot {
  appId: number;
  cardId: string;
  title: string;
  /** What the "See more" link reads (the reply's itemLabel, else "See more <card title>"). */
  seeMoreLabel?: string;
  state: CardState;
  refreshing: boolean;
  /** Whose texts the card shows: legacy CRM cards or HubSpot's card converter. */
  mode?: CardView['mode'];
}

function toState(view: CardView, exchanges: readonly Exchange[]): CardState {
  if (view.status === 'ok' && view.card) return { status: 'ok', card: view.card, exchangeId: view.requestId };
  const exchange = exchanges.find((e) => e.id === view.requestId);
  const http = statusFailure(view.error);
  return {
    status: 'error',
    failure: {
      code: view.error?.code ?? 'UNKNOWN',
      message: view.error?.message ?? 'the card failed without a message',
      issues: exchange?.schemaIssues ?? [],
      exchangeId: view.requestId,
      ...(http ? { http } : {}),
      ...(view.configurationIssues ? { configurationIssues: view.configurationIssues } : {}),
    },
  };
}

function toSlot(view: CardView, result: OpenRecordResult): CardSlot {
  return {
    appId: view.appId,
    cardId: view.cardId,
    title: view.title,
    ...(view.seeMoreLabel ? { seeMoreLabel: view.seeMoreLabel } : {}),
    state: toState(view, result.exchanges),
    refreshing: false,
    ...(view.mode ? { mode: view.mode } : {}),
  };
}

/**
 * Opens the record (the emulator fetches every card) and keeps one slot per card; `refresh`
 * refetches one card's app and replaces only that card.
 */
export function useRecordCards(record: CrmRecord | null) {
  const stream = useStream();
  const [slots, setSlots] = useState<CardSlot[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [user, setUser] = useState<OpenRecordResult['user'] | null>(null);
  const [portal, setPortal] = useState<OpenRecordResult['portal'] | null>(null);
  const [notInstalled, setNotInstalled] = useState<OpenRecordResult['notInstalled']>([]);
  const { add } = stream;
  const key = record ? `${record.objectType}/${record.id}` : null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the record's identity is `key`
  useEffect(() => {
    if (!record) return;
    const controller = new AbortController();
    setSlots([]);
    setLoading(true);
    setError(null);
    openRecord(record, {}, controller.signal).then(
      (result) => {
        add(result.exchanges);
        setUser(result.user ?? null);
        setPortal(result.portal ?? null);
        setNotInstalled(result.notInstalled ?? []);
        setSlots(result.cards.map((view) => toSlot(view, result)));
        setLoading(false);
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setError(err instanceof Error ? err : new Error(String(err)));
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [key, add]);

  const refresh = useCallback(
    async (cardId: string) => {
      const slot = slots.find((s) => s.cardId === cardId);
      if (!record || !slot) return;
      setSlots((all) => all.map((s) => (s.cardId === cardId ? { ...s, refreshing: true } : s)));
      try {
        const result = await openRecord(record, { appId: slot.appId });
        add(result.exchanges);
        const view = result.cards.find((c) => c.cardId === cardId);
        setSlots((all) =>
          all.map((s) =>
            s.cardId === cardId ? (view ? toSlot(view, result) : { ...s, refreshing: false }) : s,
          ),
        );
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        setSlots((all) =>
          all.map((s) =>
            s.cardId === cardId
              ? {
                  ...s,
                  refreshing: false,
                  state: {
                    status: 'error',
                    failure: { code: 'UI_API_REQUEST_FAILED', message, issues: [], exchangeId: null },
                  },
                }
              : s,
          ),
        );
      }
    },
    [record, slots, add],
  );

  // `user`: who the page is shown to; dates, numbers and money are formatted in their locale.
  // `portal`: whose time zone HubSpot's card converter formats DATETIME in.
  // `notInstalled`: apps with cards for this object type that this portal does not show.
  return { slots, loading, error, refresh, user, setUser, portal, setPortal, notInstalled };
}
