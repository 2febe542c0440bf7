import { isDbUnavailable } from './index.js';

/**
 * Group commit: every caller waits until its own item is written, but items that arrive while a
 * write is in flight (or in the same turn of the event loop) share the next write — one
 * statement and one commit for many requests instead of one each. Nothing is acknowledged before
 * it is stored.
 *
 * `write` gets the items in order and returns one result per item, in the same order. When a
 * batch fails because the database is unreachable, every waiter of that batch is rejected with
 * the error (no request hangs, none is told "stored"). When it fails for another reason (a
 * constraint one item breaks), each item is written again on its own, so only that item fails.
 */
export class GroupCommit<I, O> {
  private queue: Array<{ item: I; resolve: (out: O) => void; reject: (err: unknown) => void }> = [];
  private writing = false;
  private scheduled = false;
  /** Writes (statements) issued so far, for the bench and tests. */
  batches = 0;
  /** Items written so far. */
  items = 0;
  private readonly maxBatch: number;
  private readonly sendNextFirst: boolean;

  constructor(
    private readonly write: (items: I[]) => Promise<O[]>,
    options: {
      maxBatch?: number;
      /**
       * The database is another process (PostgreSQL): when the next batch is waiting, it is sent
       * before the waiters of the batch just written are told (see flush). Not for PGlite: there
       * a write is CPU in this process, and sending it first only delayed the responses (in turns
       * on the bench's load, ~30 % more CPU per question and ~15 % fewer requests a second).
       */
      sendNextFirst?: boolean;
    } = {},
  ) {
    this.maxBatch = options.maxBatch ?? 500;
    this.sendNextFirst = options.sendNextFirst ?? false;
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** The first write waits for the end of this turn of the event loop, so requests parsed together go together. */
  private schedule(): void {
    if (this.writing || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.writing || !this.queue.length) return;
    this.writing = true;
    const batch = this.queue.splice(0, this.maxBatch);
    let settle: (() => void) | undefined;
    try {
      settle = await this.run(batch);
      if (!this.sendNextFirst) (settle(), (settle = undefined));
    } finally {
      this.writing = false;
      // what arrived during the write goes now, as one batch
      if (this.queue.length) void this.flush();
    }
    // On PostgreSQL the waiters of the batch just written are told after the next batch has been
    // sent: their responses (and whatever else their requests still do) would otherwise run first
    // while the server waits for that batch (pg sends a query on the next tick, after every
    // pending promise callback). A tick callback queued now runs after that send (and batches'
    // waiters are told in the order of the batches).
    if (settle) process.nextTick(settle);
  }

  /** Writes the batch; returns what tells its waiters (resolves or rejects each). */
  private async run(batch: GroupCommit<I, O>['queue']): Promise<() => void> {
    this.batches++;
    try {
      const out = await this.write(batch.map((w) => w.item));
      if (out.length !== batch.length) throw new Error(`group commit: ${out.length} results for ${batch.length} items`);
      this.items += batch.length;
      return () => batch.forEach((w, i) => w.resolve(out[i]!));
    } catch (err) {
      if (batch.length === 1 || isDbUnavailable(err)) return () => batch.forEach((w) => w.reject(err));
      // one bad item must not fail the others: write each on its own
      const settles: Array<() => void> = [];
      for (const w of batch) settles.push(await this.run([w]));
      return () => settles.forEach((s) => s());
    }
  }
}
