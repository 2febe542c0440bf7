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
  ready: RegExp,
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
    const timer = setTimeout(() => reject(new Error(`${entry} did not start in 60 s`)), 60_000);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      onLine?.(line);
      const m = ready.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}`)));
  });
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


/** A memory figure of a process from /proc/<pid>/status, in MB (NaN once it has exited). */
export function procStatusMb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN) / 1024;
  } catch {
    return NaN;
  }
}
