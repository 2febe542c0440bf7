import autocannon, { type Result } from 'autocannon';

export interface HttpFigures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export async function load(
  url: string,
  options: { method?: string; body?: string; headers?: Record<string, string>; duration?: number; connections?: number; bodies?: () => { path: string; body: string } } = {},
): Promise<HttpFigures> {
  const base: Parameters<typeof autocannon>[0] = {
    url,
    duration: options.duration ?? 5,
    connections: options.connections ?? 10,
    method: options.method ?? 'GET',
    headers: options.headers,
    body: options.body,
  };
  if (options.bodies) {
    const next = options.bodies;
    base.requests = [
      {
        method: options.method ?? 'POST',
        headers: options.headers,
        setupRequest: (req: any) => {
          const { path, body } = next();
          return { ...req, path, body };
        },
      },
    ];
  }
  const r: Result = await autocannon(base);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}
