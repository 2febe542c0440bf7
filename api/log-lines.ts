/**
 * What pino writes to: the log lines of one turn of the event loop gathered and handed to the
 * destination (pino's SonicBoom on stdout) as one string at the end of the turn, or at once when
 * `maxChars` are waiting. Handed over one by one, every request's line was measured by SonicBoom
 * twice — its own UTF-8 length, and that of everything waiting before it (a string it appends to
 * and flattens again at each line, so the more it held the more each line cost) — which kept its
 * buffer small: stdout was written whenever 4 KB were waiting, through libuv's thread pool, about
 * once a dozen requests under the bench's load. Gathered, SonicBoom measures a turn's lines once
 * and can wait for 16 KB (createLogger), a quarter of the writes.
 *
 * Nothing is dropped or reordered, and nothing waits long: lines still in SonicBoom's buffer
 * (under its minimum length) are written `idleFlushMs` after they were handed over, flush() and
 * flushSync() hand over what is waiting first, and so does the process's exit (after pino's own
 * exit handler, which flushes SonicBoom synchronously).
 */
export interface LineDestination {
  write(data: string): boolean;
  flush(cb?: (err?: Error | null) => void): void;
  flushSync(): void;
}

export class GatheredLines {
  private waiting: string[] = [];
  private chars = 0;
  private handOverSoon: NodeJS.Immediate | undefined;
  private flushSoon: NodeJS.Timeout | undefined;
  private readonly maxChars: number;
  private readonly idleFlushMs: number;

  constructor(
    private readonly destination: LineDestination,
    options: { maxChars?: number; idleFlushMs?: number } = {},
  ) {
    this.maxChars = options.maxChars ?? 64 * 1024;
    this.idleFlushMs = options.idleFlushMs ?? 1000;
    process.once('exit', () => {
      try {
        if (this.pass()) this.destination.flushSync();
      } catch {
        // the destination is gone (stdout closed): nothing left to write to
      }
    });
  }

  write(line: string): boolean {
    this.waiting.push(line);
    this.chars += line.length;
    if (this.chars >= this.maxChars) this.pass();
    else this.handOverSoon ??= setImmediate(() => this.pass());
    return true;
  }

  /** Hand the waiting lines to the destination; whether there were any. */
  private pass(): boolean {
    if (this.handOverSoon) (clearImmediate(this.handOverSoon), (this.handOverSoon = undefined));
    if (!this.waiting.length) return false;
    const data = this.waiting.length === 1 ? this.waiting[0]! : this.waiting.join('');
    this.waiting = [];
    this.chars = 0;
    this.destination.write(data);
    if (!this.flushSoon) {
      this.flushSoon = setTimeout(() => {
        this.flushSoon = undefined;
        try {
          this.destination.flush();
        } catch {
          // the destination was closed meanwhile (shutting down)
        }
      }, this.idleFlushMs);
      this.flushSoon.unref(); // a process with nothing else to do may exit: its exit writes the lines
    }
    return true;
  }

  flush(cb?: (err?: Error | null) => void): void {
    this.pass();
    this.destination.flush(cb);
  }

  flushSync(): void {
    this.pass();
    this.destination.flushSync();
  }
}
