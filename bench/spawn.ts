import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

/** Start a TypeScript entry point as its own Node process and wait for it to listen. */
export async function spawnServer(
  entry: string,
  env: Record<string, string>,
  ready: RegExp,
  /** Sees every stdout line (log lines), before and after the service is ready. */
  onLine?: (line: string) => void,
): Promise<{ child: ChildProcess; port: number; peakRssMb: () => number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
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
    /** Peak resident memory of the process so far (VmHWM), in MB. */
    peakRssMb() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return kb / 1024;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

