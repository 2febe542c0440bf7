import { useEffect, useState, useCallback, useMemo, useRef } from 'preact/hooks';
import { html } from 'htm/preact';
import { ApiError } from './api.js';

/** htm bound to preact: templates without a JSX build step. */
export { html };

// ---------------------------------------------------------------------------------------------
// Errors: one path from an API refusal to the words an operator reads.

/** Request fields as people call them (the API's zod paths). */
const FIELD: Record<string, string> = {
  username: '用户名', password: '密码', displayName: '名称', role: '角色', regionCode: '区域', provinceCode: '省份',
  currentPassword: '当前密码', newPassword: '新密码', name: '姓名', phone: '电话', wecomUserId: '企业微信账号', wechatId: '微信号',
  title: '标题', body: '内容', target: '发送范围', publishAt: '定时发布时间', year: '年份', month: '月份', date: '日期', source: '来源',
  answer: '答复', collegeName: '院校名称', collegeId: '院校', purpose: '用途', periodId: '期次', progress: '进展', problems: '问题与需求',
  stage: '阶段', studentsTrained: '培训人数', studentsRegistered: '报名人数', studentsPassed: '通过人数', teachersTrained: '教师培训人数',
  digestWebhookKey: '群机器人 webhook key', externalId: '群', section: '小节', kind: '类型', text: '问题', note: '备注', channel: '渠道',
};

function fieldName(path: string): string {
  const parts = path.split('.').filter((p) => !/^\d+$/.test(p));
  const last = parts[parts.length - 1] ?? '';
  return FIELD[last] ?? FIELD[parts[0] ?? ''] ?? last;
}

/** The message for any error, with the API's field-level reasons when it gave them. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.details?.length) {
      const reasons = err.details.map((d) => (d.path ? `${fieldName(d.path)}：${d.message}` : d.message));
      return `${err.message === '输入不正确' ? '请检查' : err.message + '：'}${reasons.join('；')}`;
    }
    return err.message;
  }
  return (err as Error)?.message || '操作失败';
}

// ---------------------------------------------------------------------------------------------
// Notifications: every action's success or failure, in one live region.

export interface Toast { id: number; kind: 'ok' | 'error'; text: string }
let toasts: Toast[] = [];
let nextToast = 1;
const listeners = new Set<(t: Toast[]) => void>();
function publish() {
  for (const l of listeners) l(toasts);
}
export function notify(kind: Toast['kind'], text: string) {
  const toast = { id: nextToast++, kind, text };
  toasts = [...toasts.filter((t) => t.text !== text), toast].slice(-4);
  publish();
  if (kind === 'ok') setTimeout(() => dismiss(toast.id), 6000);
}
export function dismiss(id: number) {
  toasts = toasts.filter((t) => t.id !== id);
  publish();
}

export function Toasts() {
  const [list, setList] = useState(toasts);
  useEffect(() => {
    listeners.add(setList);
    return () => void listeners.delete(setList);
  }, []);
  return html`<div class="toasts" aria-live="polite">
    ${list.map(
      (t) => html`<div key=${t.id} class=${'toast ' + t.kind} role=${t.kind === 'error' ? 'alert' : 'status'}>
        <span>${t.text}</span><button class="link" aria-label="关闭" onClick=${() => dismiss(t.id)}>关闭</button>
      </div>`,
    )}
  </div>`;
}

/**
 * Run an action with a busy state; its success and failure are announced (toast), and a form's
 * error is also kept for showing next to it. `run` resolves true when the action succeeded.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const run = useCallback(async (step: () => Promise<unknown>, ok?: string | ((r: any) => string)): Promise<boolean> => {
    setBusy(true);
    setError('');
    try {
      const result = await step();
      const text = typeof ok === 'function' ? ok(result) : ok;
      if (text) notify('ok', text);
      return true;
    } catch (err) {
      const text = errorText(err);
      setError(text);
      notify('error', text);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run, setError };
}

/**
 * A button that runs one action: asks first when `confirm` is given, shows 处理中… while it runs,
 * and announces the result.
 */
export function ActionButton(props: {
  onRun: () => Promise<unknown>;
  ok?: string | ((r: any) => string);
  confirm?: string;
  kind?: 'primary' | 'secondary' | 'danger' | 'link';
  busyText?: string;
  label?: string;
  children?: unknown;
  disabled?: boolean;
  class?: string;
}) {
  const { busy, run } = useAction();
  const click = () => {
    if (props.confirm && !confirm(props.confirm)) return;
    void run(props.onRun, props.ok);
  };
  const cls = [props.kind && props.kind !== 'primary' ? props.kind : '', props.class ?? ''].join(' ').trim();
  return html`<button type="button" class=${cls} aria-label=${props.label} aria-busy=${busy ? 'true' : undefined} disabled=${busy || props.disabled} onClick=${click}>
    ${busy ? props.busyText ?? '处理中…' : props.children}
  </button>`;
}

/** A form's own error, next to its submit button. */
export function FormError({ error }: { error?: string }) {
  return error ? html`<span class="error" role="alert">${error}</span>` : null;
}

// ---------------------------------------------------------------------------------------------
// Loading, empty and paged lists.

/**
 * Load data from the API, with loading/error state and a reload function. Only the latest load
 * shows: an earlier one that answers late (the list before a filter changed) is dropped.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []) {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  const latest = useRef(0);
  const reload = useCallback(() => {
    const mine = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    return load().then(
      (data) => mine === latest.current && setState({ data, loading: false }),
      (err: Error) => mine === latest.current && setState((s) => ({ ...s, error: errorText(err), loading: false })),
    );
  }, deps);
  useEffect(() => void reload(), [reload]);
  return { ...state, reload };
}

export function Status({ loading, error, onRetry }: { loading?: boolean; error?: string; onRetry?: () => void }) {
  if (error)
    return html`<p class="error" role="alert">${error}${onRetry ? html` <button type="button" class="secondary" onClick=${onRetry}>重试</button>` : null}</p>`;
  if (loading) return html`<p class="muted" aria-busy="true">加载中…</p>`;
  return null;
}

/** What an empty list says, and what to do about it. */
export function Empty({ children }: { children?: unknown }) {
  return html`<div class="empty">${children}</div>`;
}

export const PAGE_SIZE = 20;

/** Page through a list held in memory. */
export function usePaged<T>(items: T[] | undefined, size = PAGE_SIZE, resetKey: unknown = undefined) {
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [resetKey]);
  const total = items?.length ?? 0;
  const pages = Math.max(1, Math.ceil(total / size));
  const current = Math.min(page, pages);
  const slice = useMemo(() => (items ?? []).slice((current - 1) * size, current * size), [items, current, size]);
  return { page: current, setPage, total, size, items: slice };
}

export function Pager({ page, total, size, onPage }: { page: number; total: number; size: number; onPage: (p: number) => void }) {
  const pages = Math.max(1, Math.ceil(total / size));
  if (total <= size) return total ? html`<p class="muted pager">共 ${total} 条</p>` : null;
  return html`<div class="row pager" role="navigation" aria-label="分页">
    <button type="button" class="secondary" disabled=${page <= 1} onClick=${() => onPage(page - 1)}>上一页</button>
    <span>第 ${page} / ${pages} 页，共 ${total} 条</span>
    <button type="button" class="secondary" disabled=${page >= pages} onClick=${() => onPage(page + 1)}>下一页</button>
  </div>`;
}

// ---------------------------------------------------------------------------------------------
// Times: the service's configured zone (TIMEZONE), given to the page by the server.

export const TIME_ZONE = (typeof document !== 'undefined' && document.querySelector<HTMLMetaElement>('meta[name=onex-timezone]')?.content) || 'Asia/Shanghai';

const PARTS = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit' });
function parts(d: Date) {
  const p = Object.fromEntries(PARTS.formatToParts(d).map((x) => [x.type, x.value]));
  return { year: Number(p.year), month: Number(p.month), day: Number(p.day), hour: Number(p.hour), minute: p.minute ?? '00' };
}
const pad = (n: number) => String(n).padStart(2, '0');

/** 2026-11-27 20:05, local time. */
export function formatTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const p = parts(d);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${p.minute}`;
}

/** A deadline as people say it: a midnight deadline is the evening before, "12月9日24点前". */
export function formatDeadline(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  const p = parts(d);
  if (p.hour === 0 && p.minute === '00') {
    const prev = parts(new Date(d.getTime() - 60_000));
    return `${prev.month}月${prev.day}日24点前`;
  }
  return `${p.month}月${p.day}日${p.hour}点${p.minute === '00' ? '' : p.minute + '分'}前`;
}

/** A period id (2026-11-a) as 2026年11月上半月 / 下半月. */
export function periodLabel(id: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-([a-j])$/.exec(id ?? '');
  if (!m) return id ?? '';
  const half = m[3] === 'a' ? '第1期' : m[3] === 'b' ? '第2期' : `第${m[3]!.charCodeAt(0) - 96}期`;
  return `${m[1]}年${Number(m[2])}月${half}`;
}
