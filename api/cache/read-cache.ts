/**
 * A small read-through cache for read-mostly data (regions, provinces, contacts, exams) that
 * public endpoints serve on every request. An edit on this instance clears it at once; other
 * instances see the edit within `ttlMs`.
 */
export class ReadCache {
  private readonly entries = new Map<string, { at: number; value: Promise<unknown> }>();

  constructor(private readonly ttlMs = 5_000, private readonly now: () => number = Date.now) {}

  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value as Promise<T>;
    if (this.entries.size >= 1_000) this.entries.clear(); // keys can come from user input: stay bounded
    const value = load();
    this.entries.set(key, { at: this.now(), value });
    // A failed load is not kept: the next request tries again.
    value.catch(() => this.entries.get(key)?.value === value && this.entries.delete(key));
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
