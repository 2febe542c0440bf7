import { request, setToken } from './request';
import type { ExamSession } from '../lib/exams';
import type { LookupResult } from '../lib/contacts';

/** The API calls the pages make. */
export const api = {
  exams: () => request<{ exams: ExamSession[]; officialChannels: Array<{ name: string; url?: string; wechat?: string }> }>('/api/exams'),
  certificate: () => request<{ certificate: any }>('/api/certificate'),
  provinces: () => request<{ provinces: Array<{ code: string; name: string }> }>('/api/provinces'),
  lookup: (q: string) => request<LookupResult>(`/api/miniapp/lookup?q=${encodeURIComponent(q)}`),
  ask: (text: string) => request<{ text: string; sources: Array<{ document: string; section?: string }>; abstained: boolean }>('/api/ask', { data: { text } }),
  notices: () => request<{ notices: Array<{ id: number; title: string; body: string; publishedAt: string; date: string }> }>('/api/notices'),
  myQuestions: () => request<{ questions: Array<{ id: number; question: string; answer: string | null; status: 'waiting' | 'answered' | 'done'; createdAt: string }> }>('/api/miniapp/questions', { quiet: true }),
  profile: () => request<{ provinceCode: string | null; province: { name: string } | null }>('/api/miniapp/profile', { quiet: true }),
  setProvince: (province: string | null) => request<{ provinceCode: string | null; province: { name: string } | null }>('/api/miniapp/profile', { data: { province } }),
  notice: (id: number) => request<{ notice: { id: number; title: string; body: string; publishedAt: string; date: string } }>(`/api/notices/${id}`),
  subscribe: (templateId: string) => request<{ remaining: number }>('/api/notices/subscriptions', { data: { templateId } }),
  currentReport: () => request<any>('/api/miniapp/reports/current', { quiet: true }),
  submitReport: (body: Record<string, unknown>) => request<{ report: any; updated: boolean; period: { id: string } }>('/api/miniapp/reports', { data: body }),
  bind: (bindCode: string) => request<{ token: string; account: any; college: { name: string } }>('/api/miniapp/bind', { data: { bindCode } }),
};

/** wx.login → the API's session; kept in storage. */
export function login(): Promise<{ account: { role: string; collegeId: number | null } }> {
  return new Promise((resolve, reject) => {
    wx.login({
      success: async ({ code }) => {
        try {
          const res = await request<{ token: string; account: { role: string; collegeId: number | null } }>('/api/miniapp/login', { data: { code }, quiet: true });
          setToken(res.token);
          resolve(res);
        } catch (err) {
          reject(err);
        }
      },
      fail: () => reject(new Error('微信登录失败')),
    });
  });
}
