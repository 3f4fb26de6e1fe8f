import { randomUUID as nodeRandomUUID } from 'node:crypto';
import { descriptorFor, type SignatureVersion, schemaIssues } from '@spoke/protocol';
import type { Exchange } from './exchange.ts';
import { sendPrepared } from './send-exchange.ts';
import { signRequest } from './sign-request.ts';
import type { Transport } from './transport.ts';
import { markReplyValid, recordSchemaIssues } from './verdicts.ts';

/** Options of {@link replayExchange}. */
export interface ReplayExchangeOptions {
  /** The logged exchange to send again. */
  exchange: Exchange;
  /** The app's client secret (used only for a fresh signature). */
  secret: string;
  /**
   * `fresh`: re-sign with the clock's time and a new correlation id. `original`: resend the original
   * headers byte for byte, so the service sees the old timestamp (and rejects it once stale).
   */
  timestamp: 'fresh' | 'original';
  transport: Transport;
  clock: () => number;
  /** @default crypto.randomUUID */
  randomUUID?: () => string;
  /**
   * Judges the new reply beyond transport and status (e.g. `judgeCardReply` with the card).
   * @default the kind's response schema from the protocol descriptors, when the reply is JSON
   */
  judge?: (exchange: Exchange) => void;
}

/** Default judgement: a JSON reply is checked against the kind's descriptor; a non-JSON one is noted. */
export function judgeByDescriptor(exchange: Exchange): void {
  const reply = exchange.reply;
  if (exchange.outcome !== 'ok' || !reply || reply.body === '') return;
  let value: unknown;
  try {
    value = JSON.parse(reply.body);
  } catch {
    exchange.verdicts.push({
      code: 'DISPATCH_REPLY_NOT_JSON',
      severity: 'warning',
      message: 'the reply is not JSON; replay checks only its status (pass `judge` for the full check)',
    });
    return;
  }
  const descriptor = descriptorFor(exchange.kind);
  const schema = descriptor?.response;
  if (!schema) return;
  const parsed = schema.safeParse(value);
  if (!parsed.success) recordSchemaIssues(exchange, schemaIssues(parsed.error));
  markReplyValid(exchange, `replay of ${exchange.kind}`);
}

const tunnelHeaders = new Set(['host', 'x-forwarded-host', 'x-forwarded-proto']);

function header(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return Object.entries(headers).find(([key]) => key.toLowerCase() === wanted)?.[1];
}

/**
 * Sends a logged exchange again, to the same URL with the same method and body, either re-signed
 * with a fresh timestamp or with its original headers. Returns a new exchange with `replayOf`.
 */
export async function replayExchange(options: ReplayExchangeOptions): Promise<Exchange> {
  const { exchange: original, transport } = options;
  const uuid = options.randomUUID ?? nodeRandomUUID;
  const id = uuid();
  const startedAt = options.clock();
  const base = {
    id,
    kind: original.kind,
    appId: original.appId,
    context: { ...original.context },
    transport,
    startedAt,
  };
  let replayed: Exchange;
  if (options.timestamp === 'original') {
    replayed = await sendPrepared({
      ...base,
      correlationId: original.correlationId,
      request: { ...original.request, headers: { ...original.request.headers } },
      signature: { ...original.signature, versions: [...original.signature.versions] },
    });
  } else {
    const { method, url, body, signedUrl } = original.request;
    const contentType = header(original.request.headers, 'content-type');
    const versions: readonly SignatureVersion[] = original.signature.versions;
    const signed = signRequest({
      method,
      // Signed for the public URL again when the original went through the app's tunnel.
      url: signedUrl ?? url,
      body,
      secret: options.secret,
      clock: () => startedAt,
      randomUUID: uuid,
      timeoutMs: transport.deadlines.totalMs,
      versions: versions.length > 0 ? versions : ['v2', 'v3'],
      // Over the same URL form as the original (raw for hubspot.fetch). docs/decisions/0011
      ...(original.signature.v3UrlForm === undefined ? {} : { v3UrlForm: original.signature.v3UrlForm }),
      ...(contentType === undefined ? {} : { contentType }),
    });
    if (signedUrl !== undefined) {
      const forwarded = Object.entries(original.request.headers).filter(([name]) =>
        tunnelHeaders.has(name.toLowerCase()),
      );
      signed.request = {
        ...signed.request,
        url,
        signedUrl,
        headers: { ...signed.request.headers, ...Object.fromEntries(forwarded) },
      };
    }
    replayed = await sendPrepared({ ...base, ...signed });
  }
  replayed.replayOf = original.id;
  (options.judge ?? judgeByDescriptor)(replayed);
  return replayed;
}
