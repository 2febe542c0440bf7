/**
 * A fixed-window limiter per key (client address, WeChat id); enough for one instance's fairness.
 * At most `maxKeys` windows are kept: the least recently used is evicted first, so a flood of new
 * keys (spoofed or not) never resets the windows of the keys that are being limited.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 10_000,
    private readonly windowMs = 60_000,
  ) {}

  private window(key: string): { start: number; count: number } {
    const t = this.now();
    let w = this.windows.get(key);
    if (w) this.windows.delete(key); // re-inserted below: Map order is least recently used first
    if (!w || t - w.start >= this.windowMs) w = { start: t, count: 0 };
    this.windows.set(key, w);
    while (this.windows.size > this.maxKeys) this.windows.delete(this.nextOldest());
    return w;
  }

  /**
   * The least recently used key, from one iterator kept across evictions: every key it passed
   * was evicted (or used again, and so moved to the end, where it meets it later), so the next
   * one it gives is the oldest. A new iterator per eviction walked past every key evicted
   * before it, still in the map's table until it is rebuilt: with 10,000 keys and a new key per
   * message (the bench's WeCom callbacks), ~1.4 % of a callback's CPU.
   */
  private nextOldest(): string {
    let next = this.oldest?.next();
    if (!next || next.done) next = (this.oldest = this.windows.keys()).next();
    return next.value!;
  }
  private oldest: MapIterator<string> | undefined;

  /** True when the key may proceed (and counts it). */
  take(key: string): boolean {
    const w = this.window(key);
    w.count += 1;
    return w.count <= this.perMinute;
  }

  /**
   * Count one event and say whether it is the first one over the limit in this window — for
   * replying "too fast" once per window instead of to every message.
   */
  takeOrFirstRefusal(key: string): 'ok' | 'refused-first' | 'refused' {
    const w = this.window(key);
    w.count += 1;
    if (w.count <= this.perMinute) return 'ok';
    return w.count === this.perMinute + 1 ? 'refused-first' : 'refused';
  }

  /** Whether the key has used up its window, without counting anything. */
  exhausted(key: string): boolean {
    const w = this.windows.get(key);
    return !!w && this.now() - w.start < this.windowMs && w.count >= this.perMinute;
  }

  /** Count one event without asking (e.g. a failed sign-in). */
  hit(key: string): void {
    this.window(key).count += 1;
  }

  get size(): number {
    return this.windows.size;
  }
}
