import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

export interface Spawned {
  child: ChildProcess;
  port: number;
  /** Peak resident memory of the process so far (VmHWM), in MB. */
  peakRssMb: () => number;
  /** Resident memory now (VmRSS), in MB. */
  rssMb: () => number;
  stop: () => Promise<void>;
}

/**
 * Start an entry point as its own Node process and wait for it to listen: a TypeScript file
 * through tsx, or a JavaScript file (the compiled service) with the given Node arguments.
 */
export async function spawnServer(
  entry: string,
  env: Record<string, string>,
  /** A log line that gives the port, or the port itself (then /healthz is polled: a service that logs nothing). */
  ready: RegExp | { port: number },
  /** Sees every stdout line (log lines), before and after the service is ready. */
  onLine?: (line: string) => void,
  nodeArgs: string[] = [],
): Promise<Spawned> {
  const args = entry.endsWith('.ts') ? ['--import', 'tsx', ...nodeArgs, entry] : [...nodeArgs, entry];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not start in 60 s`));
    }, 60_000);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      onLine?.(line);
      const m = ready instanceof RegExp ? ready.exec(line) : null;
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
        // Nobody reads the lines from now on: stop splitting them (stdout is drained below, as a log
        // file or journald would take it). Split line by line in a process busy generating load, the
        // log fell behind, and the service's own log buffer (pino's, unbounded) grew by ~10 MB.
        if (!onLine) lines.close();
      }
    });
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}`)));
    if (!(ready instanceof RegExp)) {
      const poll = () =>
        fetch(`http://127.0.0.1:${ready.port}/healthz`).then(
          (r) => (r.ok ? (clearTimeout(timer), resolve(ready.port)) : setTimeout(poll, 20)),
          () => setTimeout(poll, 20),
        );
      poll();
    }
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  child.stdout!.resume();
  child.stderr!.resume();
  return {
    child,
    port,
    peakRssMb: () => procStatusMb(child.pid!, 'VmHWM'),
    rssMb: () => procStatusMb(child.pid!, 'VmRSS'),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}


/** Services still running when the bench ends (a section that failed half way) are stopped with it. */
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** A memory figure of a process from /proc/<pid>/status, in MB (NaN once it has exited). */
export function procStatusMb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN) / 1024;
  } catch {
    return NaN;
  }
}

/**
 * `npm start`'s command from package.json: its leading NAME=value settings, node's options, the
 * compiled entry point.
 */
export function startScript(): { env: Record<string, string>; nodeArgs: string[]; entry: string } {
  const script = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts.start!;
  const words = script.split(/\s+/);
  const env: Record<string, string> = {};
  while (/^[A-Z_][A-Z0-9_]*=/.test(words[0] ?? '')) {
    const [name, ...value] = words.shift()!.split('=');
    env[name!] = value.join('=');
  }
  if (words[0] !== 'node') throw new Error(`unexpected start script: ${script}`);
  return { env, nodeArgs: words.slice(1, -1), entry: words.at(-1)! };
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}
