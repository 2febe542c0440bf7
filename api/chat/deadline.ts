/** Wait for a channel's reply up to the platform's window; what came of it by then. */
export type Outcome<T> = { kind: 'ok'; value: T } | { kind: 'failed'; error: unknown } | { kind: 'late' };

/** Wait for the work up to `ms` (0: do not wait). */
export async function withinDeadline<T>(work: Promise<T>, ms: number): Promise<Outcome<T>> {
  const settled = work.then(
    (value): Outcome<T> => ({ kind: 'ok', value }),
    (error): Outcome<T> => ({ kind: 'failed', error }),
  );
  if (ms === 0) {
    settled.catch(() => {}); // the caller follows `work` itself
    return { kind: 'late' };
  }
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Outcome<T>>((resolve) => (timer = setTimeout(() => resolve({ kind: 'late' }), ms)));
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}
