import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A local stand-in for WeCom's 智能机器人 long-connection server (document 101463), reached
 * through WECOM_AIBOT_WS_URL: it acknowledges `aibot_subscribe` and `ping`, records and
 * acknowledges every frame the bot sends (respond / welcome / send), and pushes message and
 * event callbacks on demand.
 */
export interface Frame {
  cmd?: string;
  headers: { req_id: string };
  body?: any;
  errcode?: number;
  errmsg?: string;
}

export class AibotStandIn {
  readonly received: Frame[] = [];
  private server?: WebSocketServer;
  private socket?: WebSocket;
  url = '';

  async start(): Promise<string> {
    this.server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((r) => this.server!.once('listening', () => r()));
    this.url = `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.server.on('connection', (socket) => {
      this.socket = socket;
      socket.on('message', (data) => {
        const frame = JSON.parse(String(data)) as Frame;
        this.received.push(frame);
        socket.send(JSON.stringify({ headers: { req_id: frame.headers.req_id }, errcode: 0, errmsg: 'ok' }));
      });
    });
    return this.url;
  }

  /** Frames of one command the bot sent. */
  sent(cmd: string): Frame[] {
    return this.received.filter((f) => f.cmd === cmd);
  }

  /** Push a callback; returns its req_id. */
  push(cmd: 'aibot_msg_callback' | 'aibot_event_callback', body: unknown): string {
    if (!this.socket) throw new Error('the bot is not connected');
    const reqId = `${cmd}_${randomBytes(6).toString('hex')}`;
    this.socket.send(JSON.stringify({ cmd, headers: { req_id: reqId }, body }));
    return reqId;
  }

  async stop(): Promise<void> {
    for (const c of this.server?.clients ?? []) c.terminate();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
