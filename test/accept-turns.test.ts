import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TurnBudget, listenWithTurnBudget } from '../api/http/accept-turns.js';
import { backends } from './support/db.js';
import { startTestService, type TestService } from './support/service.js';

/** A TurnBudget on a clock and a check phase the test moves by hand. */
function manual(budgetMs = 2) {
  let t = 0;
  const checks: Array<() => void> = [];
  const budget = new TurnBudget({ budgetMs, now: () => t, later: (fn) => checks.push(fn) });
  return {
    budget,
    advance: (ms: number) => (t += ms),
    /** The check phase of the turn: what was scheduled so far (what it schedules runs next turn). */
    endTurn: () => checks.splice(0).forEach((fn) => fn()),
    get scheduled() {
      return checks.length;
    },
  };
}

describe('TurnBudget: requests while connections arrive', () => {
  it('starts requests at once when no connection is being accepted, whatever they cost', () => {
    const m = manual();
    const started: number[] = [];
    for (let i = 0; i < 5; i++) m.budget.request(() => (started.push(i), m.advance(10)));
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(m.budget.deferred).toBe(0);
    expect(m.scheduled).toBe(0); // nothing keeps the loop busy
  });

  it('defers what is over the budget in a turn that accepted a connection, and keeps arrival order', () => {
    const m = manual(2);
    const started: string[] = [];
    m.budget.connection();
    m.budget.request(() => (started.push('a'), m.advance(1.5)));
    m.budget.request(() => (started.push('b'), m.advance(1.5))); // 1.5 ms used: still within 2
    m.budget.request(() => started.push('c')); // 3 ms used: waits
    m.budget.request(() => started.push('d'));
    expect(started).toEqual(['a', 'b']);
    expect(m.budget.pending).toBe(2);
    m.endTurn(); // the check phase: one waiting request starts
    expect(started).toEqual(['a', 'b', 'c']);
    m.budget.request(() => started.push('e')); // the next turn's reads: behind the waiting one
    m.endTurn(); // its check phase: the waiting ones start, in order, within the budget
    expect(started).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(m.budget.deferred).toBe(3);
  });

  it("counts a started request's cost before starting the next one of a turn", () => {
    const m = manual(2);
    const started: number[] = [];
    m.budget.connection();
    m.advance(5); // the turn's reads used the budget
    for (let i = 0; i < 6; i++) m.budget.request(() => (started.push(i), m.advance(1.5)));
    expect(started).toEqual([]);
    m.endTurn(); // one starts, whatever the budget
    expect(started).toEqual([0]);
    m.budget.connection(); // the next turn accepts another connection
    m.endTurn(); // its check phase: 1 and 2 start (0 ms, then 1.5 ms used), 3 would be over
    expect(started).toEqual([0, 1, 2, 3]); // …and its own end starts one more
    m.endTurn(); // a turn without a connection, but the one before had one: still limited
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    m.endTurn();
    expect(m.budget.limited).toBe(false);
    expect(m.scheduled).toBe(0); // nothing keeps the loop busy
    m.budget.request(() => started.push(6)); // and new requests start at once again
    expect(started.at(-1)).toBe(6);
  });

  it('starts every waiting request at once when a turn follows two without connections', () => {
    const m = manual(2);
    const started: number[] = [];
    m.budget.connection();
    m.advance(3);
    for (let i = 0; i < 4; i++) m.budget.request(() => (started.push(i), m.advance(10)));
    m.endTurn(); // limited: one
    m.advance(3);
    m.endTurn(); // steps over budget (the reads took 3 ms); the end of the turn starts one
    expect(started).toEqual([0, 1]);
    m.endTurn(); // no connection in the last two turns: all the rest
    expect(started).toEqual([0, 1, 2, 3]);
    expect(m.budget.pending).toBe(0);
  });
});

/** Open `n` connections at once, each sending one request; resolves with each one's response text. */
function burst(port: number, n: number, request: (i: number) => string): Promise<string[]> {
  return Promise.all(
    Array.from({ length: n }, (_, i) =>
      new Promise<string>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => socket.write(request(i)));
        let text = '';
        socket.setEncoding('utf8');
        socket.on('data', (d) => (text += d));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      }),
    ),
  );
}

describe('a server with a turn budget under a burst of connections', () => {
  let server: http.Server;
  let budget: TurnBudget;
  let port: number;
  beforeAll(async () => {
    server = http.createServer();
    // no budget at all: every request in a turn that accepts a connection waits for a later turn
    budget = listenWithTurnBudget(server, (req, res) => res.end(`you asked ${req.url}`), { budgetMs: 0 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers every request, each on its own connection, including those that waited', async () => {
    const texts = await burst(port, 80, (i) => `GET /q${i} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    texts.forEach((t, i) => {
      expect(t).toMatch(/^HTTP\/1\.1 200/);
      expect(t.endsWith(`you asked /q${i}`)).toBe(true);
    });
    expect(budget.accepted).toBe(80);
    expect(budget.deferred).toBeGreaterThan(0);
    expect(budget.pending).toBe(0);
  });
});

describe.each(backends)('the service under a burst of connections ($name)', (backend) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService(backend);
  });
  afterAll(async () => {
    await svc.close();
  });

  it('answers every request of connections opened together (questions and exam lists)', async () => {
    const body = JSON.stringify({ text: '考试报名费多少钱' });
    const texts = await burst(Number(new URL(svc.url).port), 60, (i) =>
      i % 2
        ? `GET /api/exams HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`
        : `POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    for (const t of texts) expect(t).toMatch(/^HTTP\/1\.1 200/);
    expect(svc.turns.accepted).toBeGreaterThanOrEqual(60);
    expect(svc.turns.pending).toBe(0);
  });
});
