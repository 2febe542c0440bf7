import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { html, useLoad, Status } from '../ui.js';
import type { Me } from '../main.js';

export function ExamsPage({ me }: { me: Me }) {
  const exams = useLoad(() => api<{ exams: Array<{ id: number; year: number; month: number; date: string | null; title: string | null; source: string }> }>('/api/admin/exams'));
  const [form, setForm] = useState({ year: String(new Date().getFullYear() + 1), month: '5', date: '', title: '', source: '' });
  const [error, setError] = useState('');
  const add = async (e: Event) => {
    e.preventDefault();
    setError('');
    try {
      await api('/api/admin/exams', {
        json: { year: Number(form.year), month: Number(form.month), date: form.date || null, title: form.title || undefined, source: form.source },
      });
      exams.reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const remove = async (id: number) => {
    if (!confirm('删除这条考试安排？')) return;
    await api(`/api/admin/exams/${id}`, { method: 'DELETE' });
    exams.reload();
  };
  return html`
    <p class="muted">助手和小程序只把今天之后的场次称为“即将举行”；没有发布新场次时，会如实说明并给出官方渠道。</p>
    <${Status} loading=${exams.loading} error=${exams.error} />
    <table>
      <thead><tr><th>年份</th><th>月份</th><th>日期</th><th>名称</th><th>来源</th>${me.role === 'admin' && html`<th></th>`}</tr></thead>
      <tbody>
        ${exams.data?.exams.map(
          (x) => html`<tr><td>${x.year}</td><td>${x.month}月</td><td>${x.date ?? '—'}</td><td>${x.title ?? ''}</td><td class="muted">${x.source}</td>
            ${me.role === 'admin' && html`<td><button class="link" onClick=${() => remove(x.id)}>删除</button></td>`}</tr>`,
        )}
      </tbody>
    </table>
    ${me.role === 'admin' &&
    html`<h2>新增考试安排</h2>
      <form class="card row" onSubmit=${add}>
        <input type="number" aria-label="年份" value=${form.year} onInput=${(e: any) => setForm({ ...form, year: e.target.value })} />
        <select aria-label="月份" value=${form.month} onChange=${(e: any) => setForm({ ...form, month: e.target.value })}>
          ${Array.from({ length: 12 }, (_, i) => html`<option value=${i + 1}>${i + 1}月</option>`)}
        </select>
        <input type="date" aria-label="日期（可空）" value=${form.date} onInput=${(e: any) => setForm({ ...form, date: e.target.value })} />
        <input placeholder="名称，如 2027年5月全国统考" value=${form.title} onInput=${(e: any) => setForm({ ...form, title: e.target.value })} />
        <input required placeholder="来源（通知标题或网址）" value=${form.source} onInput=${(e: any) => setForm({ ...form, source: e.target.value })} />
        <button type="submit">添加</button>
        ${error && html`<span class="error" role="alert">${error}</span>`}
      </form>`}
  `;
}
