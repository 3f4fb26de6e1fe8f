// Minimal typings for the part of autocannon 8's programmatic API the benchmarks use (it ships none).
// Node's ESM loader hands a CommonJS module.exports over as the default export.
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  export interface AutocannonOptions {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    amount?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    /** Seconds to wait for each response. */
    timeout?: number;
    pipelining?: number;
    /** Milliseconds between samples; the run only stops on a sample tick. */
    sampleInt?: number;
  }

  export interface AutocannonResult {
    errors: number;
    timeouts: number;
    non2xx: number;
    /** Seconds. */
    duration: number;
    requests: { total: number; average: number };
  }

  export interface AutocannonInstance extends EventEmitter {
    stop(): void;
  }

  export default function autocannon(
    options: AutocannonOptions,
    callback: (error: Error | null, result: AutocannonResult) => void,
  ): AutocannonInstance;
}
