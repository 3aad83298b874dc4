/**
 * A hash table from short tokens (up to `tokenTableBytes` bytes) to slot numbers 0, 1, 2, … in the
 * order tokens were added: the index of the token caches in `clk-token-hashing.ts`. A token is its bytes
 * packed into two small integers, so a lookup computes no string, allocates nothing and compares two
 * integers (open addressing with linear probing, kept at most half full).
 */

/** The longest token the table takes. */
export const tokenTableBytes = 6;

export class TokenTable {
  /** The first three bytes of each entry's token. */
  private low = new Int32Array(1024);
  /** The length + 1 (never 0: 0 marks a free entry), then the bytes after the third. */
  private high = new Int32Array(1024);
  private slots = new Int32Array(1024);
  /** Tokens in the table. */
  size = 0;
  // The token of the last unsuccessful `find`, and the free entry it would take.
  private pendingLow = 0;
  private pendingHigh = 0;
  private pendingAt = -1;

  /**
   * The slot of `token[0, length)` (length ≤ tokenTableBytes), or −1 when it is not in the table; then
   * `add` may follow to add it.
   */
  find(token: Uint8Array, length: number): number {
    let low = 0;
    let high = length + 1;
    for (let i = 0; i < length && i < 3; i++) low = (low << 8) | (token[i] as number);
    for (let i = 3; i < length; i++) high = (high << 8) | (token[i] as number);
    const mask = this.high.length - 1;
    let at = entryOf(low, high) & mask;
    for (let entry = this.high[at] as number; entry !== 0; entry = this.high[at] as number) {
      if (entry === high && this.low[at] === low) return this.slots[at] as number;
      at = (at + 1) & mask;
    }
    this.pendingLow = low;
    this.pendingHigh = high;
    this.pendingAt = at;
    return -1;
  }

  /** Adds the token the last `find` missed; returns its slot (the table's size before). */
  add(): number {
    if (this.pendingAt < 0) throw new Error('TokenTable.add must follow a find that missed.');
    const slot = this.size++;
    this.low[this.pendingAt] = this.pendingLow;
    this.high[this.pendingAt] = this.pendingHigh;
    this.slots[this.pendingAt] = slot;
    this.pendingAt = -1;
    if (2 * this.size > this.high.length) this.grow();
    return slot;
  }

  /** Doubles the entries and places every token again. */
  private grow(): void {
    const { low, high, slots } = this;
    this.low = new Int32Array(2 * low.length);
    this.high = new Int32Array(2 * high.length);
    this.slots = new Int32Array(2 * slots.length);
    const mask = this.high.length - 1;
    for (let i = 0; i < high.length; i++) {
      if (high[i] === 0) continue;
      let at = entryOf(low[i] as number, high[i] as number) & mask;
      while (this.high[at] !== 0) at = (at + 1) & mask;
      this.low[at] = low[i] as number;
      this.high[at] = high[i] as number;
      this.slots[at] = slots[i] as number;
    }
  }
}

/** A well-mixed 32-bit hash of a token's two integers (multiply, then fold the high bits down). */
function entryOf(low: number, high: number): number {
  const h = Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1);
  return h ^ (h >>> 16);
}
