import autocannon, { type Result } from 'autocannon';

export interface HttpFigures {
  rps: number;
  p50: number;
  p99: number;
  /** The slowest response (ms). */
  max: number;
  /** Connection errors and timeouts (autocannon counts a timeout in both of its own figures). */
  errors: number;
  /** Requests unanswered after autocannon's 10 s (the connection is then closed and opened again). */
  timeouts: number;
  non2xx: number;
  total: number;
}

export interface RequestShape {
  method?: string;
  headers?: Record<string, string>;
  /** A fixed path and body… */
  path?: string;
  body?: string;
  /** …or a new one for every request. */
  bodies?: () => { path: string; body: string };
}

/**
 * Load `url` with autocannon. `requests`: each connection sends these in turn (a mix of
 * endpoints); otherwise one request shape from the other options.
 */
export async function load(
  url: string,
  options: RequestShape & { duration?: number; connections?: number; requests?: RequestShape[] } = {},
): Promise<HttpFigures> {
  const base: Parameters<typeof autocannon>[0] = {
    url,
    duration: options.duration ?? 5,
    connections: options.connections ?? 10,
    method: options.method ?? 'GET',
    headers: options.headers,
    body: options.body,
  };
  const shapes = options.requests ?? (options.bodies ? [options] : undefined);
  if (shapes) {
    base.requests = shapes.map((s) => ({
      method: s.method ?? 'GET',
      headers: s.headers,
      path: s.path,
      body: s.body,
      ...(s.bodies ? { setupRequest: (req: any) => ({ ...req, ...s.bodies!() }) } : {}),
    }));
  }
  const r: Result = await autocannon(base);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max, errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx, total: r.requests.total };
}
