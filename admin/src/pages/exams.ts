import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { html, useLoad, Status, useAction, ActionButton, FormError, Empty } from '../ui.js';
import { documentTitle } from '../labels.js';
import type { Me } from '../main.js';

interface Exam { id: number; year: number; month: number; date: string | null; title: string | null; source: string }

export function ExamsPage({ me }: { me: Me }) {
  const exams = useLoad(() => api<{ exams: Exam[] }>('/api/admin/exams'));
  const [form, setForm] = useState({ year: String(new Date().getFullYear() + 1), month: '5', date: '', title: '', source: '' });
  const adding = useAction();
  const add = async (e: Event) => {
    e.preventDefault();
    const ok = await adding.run(
      () => api('/api/admin/exams', { json: { year: Number(form.year), month: Number(form.month), date: form.date || null, title: form.title || undefined, source: form.source } }),
      `已添加 ${form.year}年${form.month}月的考试安排`,
    );
    if (ok) {
      setForm({ ...form, date: '', title: '', source: '' });
      void exams.reload();
    }
  };
  const isAdmin = me.role === 'admin';
  return html`
    <p class="muted">助手和小程序只把今天之后的场次称为“即将举行”；没有发布新场次时，会如实说明并给出官方渠道。</p>
    <${Status} loading=${exams.loading} error=${exams.error} onRetry=${exams.reload} />
    ${exams.data && !exams.data.exams.length && html`<${Empty}>还没有考试安排。${isAdmin ? '官方发布新场次后，在下方添加。' : ''}</${Empty}>`}
    ${!!exams.data?.exams.length &&
    html`<table class="exams">
      <thead><tr><th>场次</th><th>日期</th><th>名称</th><th>来源</th>${isAdmin && html`<th>操作</th>`}</tr></thead>
      <tbody>
        ${exams.data.exams.map(
          (x) => html`<tr><td>${x.year}年${x.month}月</td><td>${x.date ?? '待定'}</td><td>${x.title ?? ''}</td><td class="muted">${documentTitle(x.source)}</td>
            ${isAdmin &&
            html`<td><${ActionButton} kind="danger" confirm=${`删除 ${x.year}年${x.month}月的考试安排？`} ok="已删除考试安排"
              onRun=${async () => (await api(`/api/admin/exams/${x.id}`, { method: 'DELETE' }), exams.reload())}>删除</${ActionButton}></td>`}</tr>`,
        )}
      </tbody>
    </table>`}
    ${isAdmin &&
    html`<h2>新增考试安排</h2>
      <form class="card row" onSubmit=${add}>
        <label>年份 <input type="number" aria-label="年份" value=${form.year} onInput=${(e: any) => setForm({ ...form, year: e.target.value })} /></label>
        <label>月份 <select aria-label="月份" value=${form.month} onChange=${(e: any) => setForm({ ...form, month: e.target.value })}>
          ${Array.from({ length: 12 }, (_, i) => html`<option value=${i + 1}>${i + 1}月</option>`)}
        </select></label>
        <label>日期 <input type="date" aria-label="日期（可空）" value=${form.date} onInput=${(e: any) => setForm({ ...form, date: e.target.value })} /></label>
        <input placeholder="名称，如 2027年5月全国统考" value=${form.title} onInput=${(e: any) => setForm({ ...form, title: e.target.value })} />
        <input required placeholder="来源（通知标题或网址）" value=${form.source} onInput=${(e: any) => setForm({ ...form, source: e.target.value })} />
        <button type="submit" disabled=${adding.busy}>${adding.busy ? '添加中…' : '添加'}</button>
        <${FormError} error=${adding.error} />
      </form>`}
  `;
}
