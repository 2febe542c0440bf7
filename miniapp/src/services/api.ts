import { request, login as newLogin, ensureSession } from './request';
import type { ExamSession } from '../lib/exams';
import type { LookupResult } from '../lib/contacts';
import type { MiniappSettings, MyQuestion, PublicNotice } from '../../../api/contract';

export type { MyQuestion };

/** The API calls the pages make. */
export const api = {
  exams: () => request<{ exams: ExamSession[]; officialChannels: Array<{ name: string; url?: string; wechat?: string }> }>('/api/exams'),
  certificate: () => request<{ certificate: any }>('/api/certificate'),
  provinces: () => request<{ provinces: Array<{ code: string; name: string }> }>('/api/provinces'),
  lookup: (q: string) => request<LookupResult>(`/api/miniapp/lookup?q=${encodeURIComponent(q)}`),
  ask: (text: string) => request<{ text: string; sources: Array<{ document: string; section?: string }>; abstained: boolean }>('/api/ask', { data: { text }, auth: 'optional' }),
  notices: () => request<{ notices: PublicNotice[] }>('/api/notices', { auth: 'optional' }),
  myQuestions: () => request<{ questions: MyQuestion[] }>('/api/miniapp/questions', { auth: true }),
  profile: () => request<{ provinceCode: string | null; province: { name: string } | null }>('/api/miniapp/profile', { auth: true }),
  setProvince: (province: string | null) => request<{ provinceCode: string | null; province: { name: string } | null }>('/api/miniapp/profile', { data: { province }, auth: true }),
  notice: (id: number) => request<{ notice: PublicNotice }>(`/api/notices/${id}`, { auth: 'optional' }),
  /** The subscribe-message template ids, set once on the server (MINIAPP_*_TEMPLATE_ID); '' when not configured. */
  settings: () => request<MiniappSettings>('/api/miniapp/settings'),
  subscribe: (templateId: string) => request<{ remaining: number }>('/api/notices/subscriptions', { data: { templateId }, auth: true }),
  currentReport: () => request<any>('/api/miniapp/reports/current', { auth: true }),
  submitReport: (body: Record<string, unknown>) => request<{ report: any; updated: boolean; period: { id: string } }>('/api/miniapp/reports', { data: body, auth: true }),
  bind: (bindCode: string) => request<{ token: string; account: any; college: { name: string } }>('/api/miniapp/bind', { data: { bindCode }, auth: true }),
};

/** wx.login → a new API session, kept in storage. */
export const login = newLogin;
export { ensureSession };
