import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the WeChat/WeCom HTTP APIs: records every call and can fail on demand.
 * Reached through WECOM_API_BASE / WECHAT_API_BASE, never the real services.
 */
export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: any;
}

export class StandIn {
  readonly calls: Call[] = [];
  /** Return a non-zero errcode for the next N calls matching the predicate. */
  private failures: Array<{ match: (c: Call) => boolean; times: number; errcode: number }> = [];
  handler: (call: Call) => Record<string, unknown> = () => ({ errcode: 0, errmsg: 'ok' });
  /** Answer every call this many milliseconds late (a slow API). */
  delayMs = 0;
  private server?: http.Server;
  url = '';

  failNext(match: (c: Call) => boolean, times: number, errcode = 45009): void {
    this.failures.push({ match, times, errcode });
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const u = new URL(req.url ?? '/', 'http://x');
        const call: Call = { method: req.method ?? 'GET', path: u.pathname, query: u.searchParams, body: raw ? JSON.parse(raw) : undefined };
        this.calls.push(call);
        const failure = this.failures.find((f) => f.times > 0 && f.match(call));
        let body: Record<string, unknown>;
        if (failure) {
          failure.times--;
          body = { errcode: failure.errcode, errmsg: 'stand-in failure' };
        } else body = this.handler(call);
        const answer = () => {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify(body));
        };
        if (this.delayMs > 0) setTimeout(answer, this.delayMs);
        else answer();
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
