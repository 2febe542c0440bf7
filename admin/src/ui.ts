import { useEffect, useState, useCallback } from 'preact/hooks';
import { html } from 'htm/preact';

/** htm bound to preact: templates without a JSX build step. */
export { html };

/** Load data from the API, with loading/error state and a reload function. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []) {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  const reload = useCallback(() => {
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => setState({ data, loading: false }),
      (err: Error) => setState({ error: err.message, loading: false }),
    );
  }, deps);
  useEffect(reload, [reload]);
  return { ...state, reload };
}

export function Status({ loading, error }: { loading?: boolean; error?: string }) {
  if (error) return html`<p class="error" role="alert">${error}</p>`;
  if (loading) return html`<p class="muted">加载中…</p>`;
  return null;
}

export function formatTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  return d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}
