import { limits } from '@spoke/protocol';
import type { Exchange } from '../../dispatch/exchange.ts';
import type { ApiCall } from '../../store/api-call.ts';
import type { ShareSend } from '../../store/entities.ts';

/** What the inspector hears live over `GET /_spoke/events`. */
export type EmulatorEvent =
  | { type: 'exchange'; data: Exchange }
  | { type: 'api-call'; data: ApiCall }
  | { type: 'share-send'; data: ShareSend }
  | { type: 'state'; data: { reason: 'imported' | 'mode' } };

/** The part of the Node response an SSE stream watches: bytes Node holds, and a way to hang up. */
export interface SseSocket {
  readonly writableLength: number;
  destroy(error?: Error): void;
}

/** What the server holds for one live SSE client. */
export interface SseClientStats {
  readonly id: number;
  /** Bytes queued in the stream plus bytes Node's socket has not flushed, now. */
  readonly bufferedBytes: number;
  /** The most that was ever held for this client. */
  readonly peakBufferedBytes: number;
}

/** A tiny in-process publish/subscribe for live updates, and the bounded SSE streams fed by it. */
export interface EventHub {
  publish(event: EmulatorEvent): void;
  /** Returns the function that unsubscribes. */
  subscribe(listener: (event: EmulatorEvent) => void): () => void;
  /** How many listeners are attached, SSE clients included (tests and shutdown use it). */
  size(): number;
  /**
   * One client's `text/event-stream` body: a `ready` event, then every event. When the client stops
   * reading and the bytes held for it would pass `maxBufferedBytes`, it is dropped: the stream errors
   * and `socket` (the Node response, when there is one) is destroyed. Never buffers without limit.
   */
  stream(socket?: SseSocket): ReadableStream<Uint8Array>;
  /** The live SSE clients. */
  clients(): SseClientStats[];
  /** Ids of SSE clients dropped for not reading, oldest first (at most the last 100). */
  dropped(): number[];
  /** The bound each SSE client is held to. */
  readonly maxBufferedBytes: number;
}

/** Options of {@link createEventHub}. */
export interface EventHubOptions {
  /**
   * Bytes held for one SSE client (queued and unflushed) before a client that stopped reading is dropped.
   * @default limits.sseClientMaxBufferedBytes
   */
  maxBufferedBytes?: number;
  /** Told when a client is dropped. */
  onDrop?: (client: SseClientStats) => void;
}

const encoder = new TextEncoder();

/** One SSE frame; JSON.stringify never emits a line break, so `data` is one line. */
function frame(event: string, data: string): Uint8Array {
  return encoder.encode(`event: ${event}\ndata: ${data}\n\n`);
}

interface Client {
  id: number;
  controller: ReadableStreamDefaultController<Uint8Array>;
  socket: SseSocket | undefined;
  peak: number;
}

/** Creates an event hub; a throwing listener never stops the others. */
export function createEventHub(options: EventHubOptions = {}): EventHub {
  const maxBufferedBytes = options.maxBufferedBytes ?? limits.sseClientMaxBufferedBytes;
  const listeners = new Set<(event: EmulatorEvent) => void>();
  const clients = new Map<number, Client>();
  const droppedIds: number[] = [];
  let nextId = 1;

  // Queued in the stream (the strategy counts bytes: hwm − desiredSize) plus unflushed in Node.
  const held = (client: Client) =>
    maxBufferedBytes -
    (client.controller.desiredSize ?? maxBufferedBytes) +
    (client.socket?.writableLength ?? 0);
  const stats = (client: Client): SseClientStats => ({
    id: client.id,
    bufferedBytes: held(client),
    peakBufferedBytes: client.peak,
  });
  const drop = (client: Client) => {
    clients.delete(client.id);
    droppedIds.push(client.id);
    if (droppedIds.length > 100) droppedIds.shift();
    const dropped = stats(client);
    if (client.socket) {
      // Hang up: the server reads the socket's close as a cancel, which discards the queue.
      client.socket.destroy();
    } else {
      // In-process: the body's reader sees the error after what was queued.
      client.controller.error(
        new Error(
          `SSE client ${client.id} stopped reading; it was dropped once ${maxBufferedBytes} bytes were held for it.`,
        ),
      );
    }
    options.onDrop?.(dropped);
  };
  const send = (client: Client, bytes: Uint8Array) => {
    const before = held(client);
    // A client with nothing pending takes any one frame; a client that is behind takes none past the bound.
    if (before > 0 && before + bytes.byteLength > maxBufferedBytes) {
      drop(client);
      return;
    }
    client.controller.enqueue(bytes);
    client.peak = Math.max(client.peak, held(client));
  };

  return {
    maxBufferedBytes,
    publish(event) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch {
          // A broken listener must not break the request that produced the event.
        }
      }
      if (clients.size === 0) return;
      // Serialised once for every client.
      const bytes = frame(event.type, JSON.stringify(event.data));
      for (const client of [...clients.values()]) send(client, bytes);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    size: () => listeners.size + clients.size,
    stream(socket) {
      const id = nextId++;
      return new ReadableStream<Uint8Array>(
        {
          start(controller) {
            const client: Client = { id, controller, socket, peak: 0 };
            clients.set(id, client);
            send(client, frame('ready', JSON.stringify({ ok: true })));
          },
          cancel() {
            clients.delete(id);
          },
        },
        new ByteLengthQueuingStrategy({ highWaterMark: maxBufferedBytes }),
      );
    },
    clients: () => [...clients.values()].map(stats),
    dropped: () => [...droppedIds],
  };
}
