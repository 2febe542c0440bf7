/**
 * Names for the statements the service sends to a PostgreSQL server again and again. pg sends an
 * unnamed statement with every call, and the server parses and plans it each time: for the
 * question log's insert (an `insert … select … from unnest(…) with ordinality`) that was ~40 % of
 * the server's CPU per question. A named statement is prepared on a connection at its first use
 * and then only bound and executed (pg remembers, per connection, which names it prepared).
 *
 * A text is named once it has been seen `after` times (a text built for one call, such as a
 * search with its own filters, stays unnamed), and at most `capacity` texts are named (each is a
 * plan kept in every connection of the pool). Only statements outside a transaction are named:
 * when a table changes under a prepared statement (another instance's migration), PostgreSQL
 * refuses it before running it ("cached plan must not change result type", 0A000), and the
 * caller forgets the name and sends the text again unnamed — which a transaction could not.
 */
export class StatementNames {
  private readonly seen = new Map<string, number>();
  private readonly named = new Map<string, string>();
  private counter = 0;

  constructor(
    private readonly capacity = 100,
    private readonly after = 2,
    private readonly maxSeen = 1000,
  ) {}

  /** The name to send `sql` under, or undefined: sent unnamed (parsed and planned by the server for this call). */
  nameFor(sql: string): string | undefined {
    const known = this.named.get(sql);
    if (known !== undefined) return known;
    if (this.named.size >= this.capacity) return undefined;
    const count = (this.seen.get(sql) ?? 0) + 1;
    if (count < this.after) {
      if (this.seen.size >= this.maxSeen) this.seen.clear(); // texts seen once, from any number of calls: stay bounded
      this.seen.set(sql, count);
      return undefined;
    }
    this.seen.delete(sql);
    const name = `onex_${++this.counter}`;
    this.named.set(sql, name);
    return name;
  }

  /** The statement's plan no longer fits its tables: its next call is unnamed, and a later one prepares it under a new name. */
  forget(sql: string): void {
    this.named.delete(sql);
  }

  get size(): number {
    return this.named.size;
  }
}

/** PostgreSQL's refusal of a prepared statement whose tables changed since it was prepared (it did not run). */
export const isStalePlan = (err: unknown): boolean => (err as { code?: string } | null)?.code === '0A000' && /cached plan must not change result type/i.test(String((err as Error).message));
