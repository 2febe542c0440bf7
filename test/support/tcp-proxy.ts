import net from 'node:net';

/**
 * A TCP proxy in front of the real PostgreSQL server, so a test can take "the database" away
 * and bring it back without stopping the server other suites use. Faults:
 *  - cut():       close every open connection (FIN), keep accepting new ones;
 *  - reset():     abort every open connection with a TCP RST, keep accepting new ones;
 *  - refuse():    close every connection and stop listening (connection refused);
 *  - partition(): keep every connection open but forward nothing, and accept new connections
 *                 without connecting them anywhere (packets vanish);
 *  - restore():   listen again on the same port / forward again, including what was held back.
 */
interface Pair {
  client: net.Socket;
  upstream?: net.Socket;
}

export class TcpProxy {
  private server?: net.Server;
  private readonly pairs = new Set<Pair>();
  private partitioned = false;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(port = 0): Promise<number> {
    this.server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as net.AddressInfo).port;
    return this.port;
  }

  private accept(client: net.Socket): void {
    const pair: Pair = { client };
    this.pairs.add(pair);
    const drop = () => {
      client.destroy();
      pair.upstream?.destroy();
      this.pairs.delete(pair);
    };
    client.on('error', drop).on('close', drop);
    if (this.partitioned) client.pause();
    else this.connect(pair, drop);
  }

  private connect(pair: Pair, drop: () => void): void {
    const upstream = net.connect(this.target.port, this.target.host);
    pair.upstream = upstream;
    upstream.on('error', drop).on('close', drop);
    pair.client.pipe(upstream).pipe(pair.client);
  }

  /** How many client connections are open through the proxy. */
  get connections(): number {
    return this.pairs.size;
  }

  cut(): void {
    for (const { client, upstream } of this.pairs) {
      client.destroy();
      upstream?.destroy();
    }
    this.pairs.clear();
  }

  reset(): void {
    for (const { client, upstream } of this.pairs) {
      client.resetAndDestroy();
      upstream?.resetAndDestroy();
    }
    this.pairs.clear();
  }

  async refuse(): Promise<void> {
    await this.stop();
  }

  partition(): void {
    this.partitioned = true;
    for (const { client, upstream } of this.pairs) {
      client.unpipe();
      upstream?.unpipe();
      client.pause();
      upstream?.pause();
    }
  }

  async restore(): Promise<void> {
    if (this.partitioned) {
      this.partitioned = false;
      for (const pair of this.pairs) {
        const drop = () => {
          pair.client.destroy();
          pair.upstream?.destroy();
          this.pairs.delete(pair);
        };
        if (pair.upstream) {
          pair.client.pipe(pair.upstream).pipe(pair.client);
          pair.client.resume();
          pair.upstream.resume();
        } else {
          this.connect(pair, drop);
          pair.client.resume();
        }
      }
    }
    if (!this.server) await this.start(this.port);
  }

  /** Refuse new connections and cut the open ones: the database is "down". */
  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }
}
