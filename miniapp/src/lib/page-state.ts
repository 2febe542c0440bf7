/**
 * One way for every page to load: `state` is 'loading' | 'ready' | 'error'; a failure shows the
 * page's error state with the reason and a 重试 button (never a blank page); a pull-down refresh
 * runs the same load and closes the refresh indicator when done.
 */
export type LoadState = 'loading' | 'ready' | 'error';

export interface Loadable {
  data: { state?: LoadState };
  setData(data: Record<string, unknown>): void;
}

export const LOAD_DATA = { state: 'loading' as LoadState, errorMessage: '' };

export function errorText(err: unknown): string {
  const message = err instanceof Error && err.message ? err.message : '';
  return message || '加载失败，请稍后重试';
}

/** Run `task` and put its result on the page; on failure show the error state instead. */
export async function loadPage(page: Loadable, task: () => Promise<Record<string, unknown>>): Promise<boolean> {
  if (page.data.state !== 'ready') page.setData({ state: 'loading', errorMessage: '' });
  try {
    const data = await task();
    page.setData({ ...data, state: 'ready', errorMessage: '' });
    return true;
  } catch (err) {
    page.setData({ state: 'error', errorMessage: errorText(err) });
    return false;
  } finally {
    stopPullDownRefresh();
  }
}

/**
 * The handlers every page has that only (re)load it — first show, pull-down refresh and the error
 * state's 重试 — spread into a page's methods (a page with its own onLoad overrides it).
 */
export const RELOADS = {
  onLoad(this: { load(): Promise<unknown> }) {
    return this.load();
  },
  onPullDownRefresh(this: { load(): Promise<unknown> }) {
    return this.load();
  },
  onRetry(this: { load(): Promise<unknown> }) {
    return this.load();
  },
};

export function stopPullDownRefresh(): void {
  if (typeof wx.stopPullDownRefresh === 'function') wx.stopPullDownRefresh();
}

export const APP_NAME = '1+X 联络助手';

/** What a forwarded page opens: the page itself, titled for the chat it is shared into. */
export function shareOf(title: string, path: string): WechatMiniprogram.Page.ICustomShareContent {
  return { title: `${APP_NAME} · ${title}`, path };
}
