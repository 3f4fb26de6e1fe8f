/** Collects reply bytes up to a cap; what does not fit is dropped and `truncated` set. */
export class ReplyBuffer {
  readonly #max: number;
  readonly #chunks: Uint8Array[] = [];
  #size = 0;
  truncated = false;

  constructor(maxBytes: number) {
    this.#max = maxBytes;
  }

  /** Adds a chunk; returns false once the cap is passed (the caller stops reading). */
  push(chunk: Uint8Array): boolean {
    const room = this.#max - this.#size;
    if (chunk.byteLength > room) {
      this.#chunks.push(chunk.subarray(0, room));
      this.#size = this.#max;
      this.truncated = true;
      return false;
    }
    this.#chunks.push(chunk);
    this.#size += chunk.byteLength;
    return true;
  }

  /** The bytes kept, decoded as UTF-8. */
  text(): string {
    return Buffer.concat(this.#chunks).toString('utf8');
  }
}
