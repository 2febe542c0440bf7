import { parse as pgliteParse, protocol, type PGlite } from '@electric-sql/pglite';

type BackendMessage = Parameters<typeof pgliteParse.parseResults>[0][number];

/**
 * PGlite queries as named prepared statements. PGlite's own `query()` parses, analyses and plans
 * every statement again, in six protocol round trips, and in its WebAssembly PostgreSQL that is
 * most of a short statement's cost (a chat-group lookup through the college_regions view: ~600 µs,
 * of which ~450 µs planning; the WeCom MsgId claim ~550 µs). Here a statement text is parsed once
 * (its parameter types and result columns described then, so values are serialised and rows
 * parsed exactly as `query()` does), and each later call is one round trip: Bind, Execute, Sync.
 *
 * A prepared statement runs PostgreSQL's generic plan after five calls, planned for the tables
 * as they were then; PGlite has no autovacuum, so nothing replans it when a table grows (an
 * `update … from unnest($1)` planned on a small table keeps its sequential scan). Each statement
 * is therefore prepared again after `maxUses` calls or `maxAgeMs`, whichever comes first: planning
 * costs one call in a few hundred, and a plan is never older than that.
 *
 * The texts come from the code; a few are built per call (filters, lists), so at most `capacity`
 * statements are kept and the least recently used one is closed. A statement whose cached plan no
 * longer fits the table (a column added after it was prepared) is prepared again and retried,
 * outside a transaction. A statement that fails to prepare is closed; one that fails to run (a
 * constraint it breaks) is kept.
 */
/** Statement names are unique in the process (several PgliteStatements may share one PGlite). */
let statementCounter = 0;

interface Prepared {
  name: string;
  /** Parameter types, to serialise values as PGlite's query() does. */
  types: number[];
  /** The result's columns (described once: each call skips Describe). */
  columns: BackendMessage | undefined;
  uses: number;
  preparedAt: number;
}

export class PgliteStatements {
  private readonly named = new Map<string, Prepared>();
  /** Statements to close with the next message (evicted, or of a failed call). */
  private closing: string[] = [];

  constructor(
    private readonly lite: PGlite,
    private readonly capacity = 100,
    private readonly maxUses = 250,
    private readonly maxAgeMs = 10_000,
  ) {}

  /**
   * Close every kept statement (with the next one prepared): after DDL (migrations run through
   * exec), whose changed tables would fail a prepared `select *` inside a transaction, where it
   * cannot be prepared again and retried.
   */
  forgetAll(): void {
    for (const statement of this.named.values()) this.closing.push(statement.name);
    this.named.clear();
  }

  /** Run `sql` (one statement). Outside a transaction this takes PGlite's locks as `query()` does; `inTx`: the transaction holds them. */
  async query<T>(sql: string, params: unknown[], inTx: boolean): Promise<T[]> {
    const lite = this.lite;
    await lite._checkReady();
    const run = () => lite._runExclusiveQuery(() => this.run<T>(sql, params, inTx));
    if (inTx) return run();
    return lite._runExclusiveTransaction(async () => {
      try {
        return await run();
      } catch (err) {
        // "cached plan must not change result type": the table changed under a prepared statement
        if ((err as { code?: string }).code !== '0A000') throw err;
        return run();
      }
    });
  }

  private async run<T>(sql: string, params: unknown[], inTx: boolean): Promise<T[]> {
    const lite = this.lite;
    const { serialize } = protocol;
    let statement = this.named.get(sql);
    if (statement && (statement.uses >= this.maxUses || performance.now() - statement.preparedAt > this.maxAgeMs)) {
      this.named.delete(sql); // planned again, for the tables as they are now
      this.closing.push(statement.name);
      statement = undefined;
    }
    let preparing: string | undefined;
    try {
      if (statement) {
        // most recently used last: the first one is the one evicted
        this.named.delete(sql);
        this.named.set(sql, statement);
      } else {
        const name = (preparing = `onex_${++statementCounter}`);
        const head = this.closing.map((n) => serialize.close({ type: 'S', name: n }));
        this.closing = [];
        const described = await lite.execProtocol(concat([...head, serialize.parse({ name, text: sql }), serialize.describe({ type: 'S', name })]), { syncToFs: false });
        statement = {
          name,
          types: pgliteParse.parseDescribeStatementResults(described.messages),
          columns: described.messages.find((m) => m.name === 'rowDescription'),
          uses: 0,
          preparedAt: performance.now(),
        };
        this.named.set(sql, statement);
        if (this.named.size > this.capacity) {
          const [oldest, old] = this.named.entries().next().value!;
          this.named.delete(oldest);
          this.closing.push(old.name);
        }
      }
      statement.uses++;
      const types = statement.types;
      const values = params.map((p, i) => {
        if (p === null || p === undefined) return null;
        const serializer = lite.serializers[types[i]!];
        return serializer ? serializer(p) : String(p);
      });
      const { messages } = await lite.execProtocol(bindExecuteSync(statement.name, values), { syncToFs: false });
      if (!inTx) await lite.syncToFs();
      if (statement.columns) messages.unshift(statement.columns);
      return pgliteParse.parseResults(messages, lite.parsers)[0]!.rows as T[];
    } catch (err) {
      if (!statement) {
        if (preparing) this.closing.push(preparing); // a Parse that failed half way: closing a missing statement is no error
      } else if ((err as { code?: string }).code === '0A000' && this.named.get(sql) === statement) {
        this.named.delete(sql); // its plan no longer fits: prepared again next time
        this.closing.push(statement.name);
      }
      // the backend skips what follows an error until a Sync; a failure before ours needs one
      await lite.execProtocol(serialize.sync(), { syncToFs: false, throwOnError: false });
      throw Object.assign(err as object, { query: sql, params });
    }
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  let size = 0;
  for (const p of parts) size += p.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Bind (text parameters, text results), Execute and Sync, the bytes PGlite's serializer writes
 * for `bind`, `execute({})` and `sync()`, in one buffer. PGlite's serializer measures each
 * string's UTF-8 length in a JavaScript loop and writes through private fields (WeakMaps once
 * compiled): on the bench's questions that was ~6 % of the service's CPU, more than the rest of
 * a call's JavaScript.
 */
export function bindExecuteSync(statement: string, values: Array<string | null>): Uint8Array {
  const n = values.length;
  const lengths = new Array<number>(n);
  const nameBytes = Buffer.byteLength(statement);
  // 'B', length, portal "", statement, n format codes (all 0: text), n values, 0 result format codes
  let bind = 4 + 1 + nameBytes + 1 + 2 + 2 * n + 2 + 2;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const l = v === null || v === undefined ? -1 : Buffer.byteLength(v);
    lengths[i] = l;
    bind += 4 + (l > 0 ? l : 0);
  }
  const out = Buffer.allocUnsafeSlow(1 + bind + EXECUTE_SYNC.length);
  let at = 0;
  out[at++] = 0x42; // B
  out.writeInt32BE(bind, at);
  at += 4;
  out[at++] = 0; // the unnamed portal
  at += out.write(statement, at);
  out[at++] = 0;
  out.writeUInt16BE(n, at);
  at += 2;
  out.fill(0, at, at + 2 * n);
  at += 2 * n;
  out.writeUInt16BE(n, at);
  at += 2;
  for (let i = 0; i < n; i++) {
    const l = lengths[i]!;
    out.writeInt32BE(l, at);
    at += 4;
    if (l > 0) at += out.write(values[i]!, at);
  }
  out.writeUInt16BE(0, at);
  at += 2;
  out.set(EXECUTE_SYNC, at);
  return out;
}

/** Execute (the unnamed portal, every row) and Sync, as PGlite's serializer writes them. */
const EXECUTE_SYNC = new Uint8Array([0x45, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0x53, 0, 0, 0, 4]);
