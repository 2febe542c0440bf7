import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { html, useLoad, Status, formatTime } from '../ui.js';
import type { Me } from '../main.js';

interface Notice { id: number; title: string; body: string; status: string; publishAt: string | null; publishedAt: string | null; target: Record<string, unknown> }
interface Delivery { id: number; channel: string; destination: string; groupName: string | null; status: string; attempts: number; lastError: string | null; sentAt: string | null; outcomeUnknownAt: string | null }

interface Preview { text: string; groups: number; groupNames: string[]; miniappSubscribers: number; total: number }

const STATUS: Record<string, string> = { draft: '草稿', scheduled: '定时', published: '已发布', withdrawn: '已撤回', queued: '排队中', sending: '发送中', sent: '已送达', failed: '失败', unknown: '结果未知' };

function Deliveries({ id }: { id: number }) {
  const d = useLoad(() => api<{ deliveries: Delivery[] }>(`/api/admin/notices/${id}/deliveries`), [id]);
  const [retryError, setRetryError] = useState('');
  const retry = async (deliveryId: number) => {
    setRetryError('');
    try {
      await api(`/api/admin/deliveries/${deliveryId}/retry`, { method: 'POST' });
      d.reload();
    } catch (err) {
      setRetryError((err as Error).message);
    }
  };
  return html`<div class="card deliveries">
    <div class="row"><strong>投递状态</strong><button class="secondary" onClick=${d.reload}>刷新</button></div>
    <${Status} loading=${d.loading} error=${d.error || retryError} />
    ${d.data && !d.data.deliveries.length && html`<p class="muted">没有匹配的群或订阅用户。</p>`}
    <table><tbody>${d.data?.deliveries.map(
      (x) => html`<tr class="delivery"><td>${x.groupName ?? x.destination}</td><td>${x.channel}</td>
        <td><span class=${'tag ' + x.status}>${STATUS[x.status] ?? x.status}</span>${x.status !== 'unknown' && x.outcomeUnknownAt && html` <span class="tag unknown" title="发送途中服务中断，结果未知，已重新发送">曾结果未知，可能重复</span>`}</td>
        <td>${x.attempts} 次</td><td class="error">${x.lastError ?? ''}</td>
        <td>${(x.status === 'failed' || x.status === 'unknown') && html`<button class="link" onClick=${() => retry(x.id)}>重新发送</button>`}</td></tr>`,
    )}</tbody></table>
  </div>`;
}

function newKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

export function NoticesPage({ me }: { me: Me }) {
  const regions = useLoad(() => api<{ regions: Array<{ code: string; name: string }> }>('/api/regions'));
  const provinces = useLoad(() => api<{ provinces: Array<{ code: string; name: string; regionCode: string }> }>('/api/provinces'));
  const notices = useLoad(() => api<{ notices: Notice[] }>('/api/admin/notices'));
  const [open, setOpen] = useState<number | null>(null);
  const [form, setForm] = useState({ title: '', body: '', scope: me.role === 'admin' ? 'all' : 'region', region: me.regionCode ?? '', province: '', publishAt: '', miniapp: false });
  const [error, setError] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  // One key per filled-in form: a double click or a retried request publishes once.
  const [requestKey, setRequestKey] = useState(() => newKey());
  const target = () =>
    form.scope === 'all' ? { all: true } : form.scope === 'region' ? { regions: [form.region], miniapp: form.miniapp || undefined } : { provinces: [form.province] };
  const body = (draft?: boolean) => ({ title: form.title, body: form.body, target: target(), publishAt: form.publishAt ? new Date(form.publishAt).toISOString() : undefined, draft });
  /** 发布 first shows what will be sent and to how many; 确认发布 sends it. */
  const submit = async (e: Event) => {
    e.preventDefault();
    setError('');
    try {
      setPreview((await api<{ preview: Preview }>('/api/admin/notices/preview', { json: body() })).preview);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const send = async (draft?: boolean) => {
    setError('');
    try {
      const res = await api('/api/admin/notices', { json: body(draft), headers: { 'idempotency-key': requestKey + (draft ? ':draft' : '') } });
      setForm({ ...form, title: '', body: '' });
      setPreview(null);
      setRequestKey(newKey());
      notices.reload();
      setOpen(res.notice.id);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const withdraw = async (n: Notice) => {
    if (!confirm(`撤回通知“${n.title}”？撤回后不会再发出。`)) return;
    await api(`/api/admin/notices/${n.id}/withdraw`, { method: 'POST' });
    notices.reload();
  };
  const publishDraft = async (n: Notice) => {
    const p = (await api<{ preview: Preview }>('/api/admin/notices/preview', { json: { title: n.title, body: n.body, target: n.target } })).preview;
    if (!confirm(`现在发布“${n.title}”？将发送给 ${p.groups} 个群${p.miniappSubscribers ? `和 ${p.miniappSubscribers} 位小程序订阅用户` : ''}。`)) return;
    try {
      await api(`/api/admin/notices/${n.id}/publish`, { method: 'POST' });
      notices.reload();
      setOpen(n.id);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return html`
    <form class="card notice-form" onSubmit=${submit}>
      <div class="row"><input required name="title" style="flex:1" placeholder="标题" value=${form.title} onInput=${(e: any) => setForm({ ...form, title: e.target.value })} /></div>
      <textarea required name="body" placeholder="内容（可含链接）" value=${form.body} onInput=${(e: any) => setForm({ ...form, body: e.target.value })}></textarea>
      <div class="row">
        <select name="scope" value=${form.scope} onChange=${(e: any) => setForm({ ...form, scope: e.target.value })}>
          ${me.role === 'admin' && html`<option value="all">全部群和订阅用户</option>`}
          <option value="region">按区域</option><option value="province">按省份</option>
        </select>
        ${form.scope === 'region' &&
        html`<select name="region" required value=${form.region} onChange=${(e: any) => setForm({ ...form, region: e.target.value })}>
          <option value="">选择区域</option>
          ${regions.data?.regions.filter((r) => me.role === 'admin' || r.code === me.regionCode).map((r) => html`<option value=${r.code}>${r.name}</option>`)}
        </select>`}
        ${form.scope === 'province' &&
        html`<select name="province" required value=${form.province} onChange=${(e: any) => setForm({ ...form, province: e.target.value })}>
          <option value="">选择省份</option>
          ${provinces.data?.provinces.filter((p) => me.role === 'admin' || p.regionCode === me.regionCode).map((p) => html`<option value=${p.code}>${p.name}</option>`)}
        </select>`}
        <label>定时发布 <input type="datetime-local" value=${form.publishAt} onInput=${(e: any) => setForm({ ...form, publishAt: e.target.value })} /></label>
        <button type="submit">发布…</button>
        <button type="button" class="secondary" onClick=${() => send(true)}>存为草稿</button>
        ${error && html`<span class="error" role="alert">${error}</span>`}
      </div>
    </form>
    ${preview &&
    html`<div class="card notice-preview" role="dialog" aria-label="确认发布">
      <p><strong>将发送给 ${preview.total} 个对象</strong>：${preview.groups} 个群${preview.miniappSubscribers ? `、${preview.miniappSubscribers} 位小程序订阅用户` : ''}
        ${preview.groupNames.length ? html`<span class="muted">（${preview.groupNames.join('、')}${preview.groups > preview.groupNames.length ? '等' : ''}）</span>` : null}</p>
      ${preview.total === 0 ? html`<p class="error">没有匹配的群或订阅用户：通知只会出现在小程序和“最新通知”里。</p>` : null}
      <pre class="preview-text">${preview.text}</pre>
      <div class="row"><button class="confirm-publish" onClick=${() => send()}>${form.publishAt ? '确认定时发布' : '确认发布'}</button>
        <button class="secondary" onClick=${() => setPreview(null)}>返回修改</button></div>
    </div>`}
    <${Status} loading=${notices.loading} error=${notices.error} />
    <table><thead><tr><th>标题</th><th>状态</th><th>时间</th><th></th></tr></thead><tbody>
      ${notices.data?.notices.map(
        (n) => html`<tr class="notice-row"><td>${n.title}</td><td><span class=${'tag ' + n.status}>${STATUS[n.status]}</span></td><td>${formatTime(n.publishedAt ?? n.publishAt)}</td>
          <td><button class="secondary" onClick=${() => setOpen(open === n.id ? null : n.id)}>投递状态</button>
          ${n.status === 'draft' && html` <button class="secondary publish-draft" onClick=${() => publishDraft(n)}>发布</button>`}
          ${(n.status === 'scheduled' || n.status === 'draft') && html` <button class="link" onClick=${() => withdraw(n)}>撤回</button>`}</td></tr>`,
      )}
    </tbody></table>
    ${open && html`<${Deliveries} key=${open} id=${open} />`}
  `;
}
