import type { IncomingMessage, Server, ServerResponse } from 'node:http';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => unknown;

export interface TurnBudgetOptions {
  /** How long a turn of the event loop may spend starting requests while connections arrive. */
  budgetMs?: number;
  now?: () => number;
  /** Runs a function in the next check phase of the event loop (setImmediate). */
  later?: (fn: () => void) => void;
}

/**
 * Connections that wait to be accepted are not starved by the open ones.
 *
 * libuv (since 1.45, Node 20: "unix: don't accept() connections in a loop", libuv#3696) accepts
 * one connection per turn of the event loop, and a turn runs every request that is ready on the
 * connections already open. Under load a turn is long: with 500 busy keep-alive clients it took
 * 100–300 ms on a 2-core machine, so 500 connections opened together were accepted at 5–15 a
 * second — the last ones waited more than a minute, in the kernel's accept queue, while every
 * request the service had read was answered within ~250 ms (the bench's soak counted them as
 * 10 s timeouts; `ss -ltn` showed 60–390 connections queued on the listening socket for seconds,
 * strace one accept4() per epoll_wait()).
 *
 * So while connections are arriving (one was accepted in this turn or the last one: the kernel
 * may hold more), a turn starts requests for at most `budgetMs`; the others wait in arrival order
 * and start in the next turns (again at most `budgetMs` of them per turn), so the loop comes back
 * to the listening socket within milliseconds and the queue drains at the speed of short turns.
 * A turn that accepts nothing ends that: waiting requests and new ones then start at once, as
 * before (so the group commit's batches stay as large as the load makes them). Nothing is
 * refused or dropped; a request waits at most until the connections stop arriving.
 */
export class TurnBudget {
  private readonly budgetMs: number;
  private readonly now: () => number;
  private readonly later: (fn: () => void) => void;
  private readonly waiting: Array<() => unknown> = [];
  /** When this turn started starting requests (as far as it can be told: the first event seen in it). */
  private turnStart = 0;
  private armed = false;
  private acceptedNow = false;
  private acceptedBefore = false;
  /** Requests that waited for a later turn, and connections accepted (bench, tests). */
  deferred = 0;
  accepted = 0;

  constructor(options: TurnBudgetOptions = {}) {
    this.budgetMs = options.budgetMs ?? 2;
    this.now = options.now ?? (() => performance.now());
    this.later = options.later ?? setImmediate;
  }

  /** Connections are arriving: this turn or the last one accepted one. */
  get limited(): boolean {
    return this.acceptedNow || this.acceptedBefore;
  }

  /** Requests waiting for a later turn. */
  get pending(): number {
    return this.waiting.length;
  }

  /** A connection was accepted (the server's 'connection' event). */
  connection(): void {
    this.accepted++;
    if (!this.armed) this.turnStart = this.now();
    this.acceptedNow = true;
    this.arm();
  }

  /** Run `start` now, or in a later turn when this one has used its budget while connections arrive. */
  request(start: () => unknown): void {
    if (this.mayStartNow()) {
      start();
      return;
    }
    this.deferred++;
    this.waiting.push(start);
    this.arm();
  }

  /** A request that arrives now may start at once (none waits, and connections are not arriving or the turn is within its budget). */
  mayStartNow(): boolean {
    return !this.waiting.length && (!this.limited || this.now() - this.turnStart < this.budgetMs);
  }

  private arm(): void {
    if (this.armed) return;
    this.armed = true;
    this.later(() => this.endOfTurn());
  }

  /**
   * The check phase, after the turn's reads. Without connections arriving, every waiting request
   * starts. Otherwise one starts (so that some always do), and the next turn's check phase gets
   * one callback per waiting request, each starting one while that turn is within its budget: a
   * request's start returns at its first await, and the rest of its work (reading the body,
   * answering, the database) runs in the microtasks after the callback — so the time it costs is
   * on the clock before the next callback looks at it, which it would not be in a loop here.
   */
  private endOfTurn(): void {
    this.armed = false;
    if (!this.limited) while (this.waiting.length) this.waiting.shift()!();
    else if (this.waiting.length) this.waiting.shift()!();
    this.acceptedBefore = this.acceptedNow;
    this.acceptedNow = false;
    for (let i = 0; i < this.waiting.length; i++) this.later(() => this.step());
    this.turnStart = this.now();
    if (this.waiting.length || this.acceptedBefore) this.arm();
  }

  private step(): void {
    if (this.waiting.length && (!this.limited || this.now() - this.turnStart < this.budgetMs)) this.waiting.shift()!();
  }
}

/**
 * `listener` for `server`'s requests, started within the turn budget (see TurnBudget). Use it
 * in place of passing the listener to http.createServer.
 */
export function listenWithTurnBudget(server: Server, listener: RequestListener, options: TurnBudgetOptions = {}): TurnBudget {
  const budget = new TurnBudget(options);
  server.on('connection', () => budget.connection());
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    // most requests start at once, without a closure made for them
    if (budget.mayStartNow()) listener(req, res);
    else budget.request(() => listener(req, res));
  });
  return budget;
}
