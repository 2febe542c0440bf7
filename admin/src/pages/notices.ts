import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { html, useLoad, Status, formatTime, useAction, ActionButton, FormError, Empty, usePaged, Pager } from '../ui.js';
import { NOTICE_STATUS, label, utf8Bytes, WECOM_TEXT_MAX_BYTES } from '../labels.js';
import { useDirectory } from '../directory.js';
import { DeliveryTable, pending, useAutoRefresh, type Delivery } from './deliveries-table.js';
import type { Me } from '../main.js';

interface Notice { id: number; title: string; body: string; status: string; publishAt: string | null; publishedAt: string | null; target: Record<string, any>; createdAt?: string }
interface Preview { text: string; groups: number; groupNames: string[]; miniappSubscribers: number; total: number; bytes?: number; parts?: number }

function Deliveries({ id, me }: { id: number; me: Me }) {
  const d = useLoad(() => api<{ deliveries: Delivery[] }>(`/api/admin/notices/${id}/deliveries`), [id]);
  useAutoRefresh(pending(d.data?.deliveries), d.reload);
  return html`<div class="card deliveries">
    <div class="row"><strong>投递状态</strong><button class="secondary" disabled=${d.loading} onClick=${d.reload}>${d.loading ? '刷新中…' : '刷新'}</button>
      ${pending(d.data?.deliveries) && html`<span class="muted">有消息正在发送，每5秒自动刷新</span>`}</div>
    <${Status} error=${d.error} onRetry=${d.reload} />
    ${d.data && !d.data.deliveries.length && html`<p class="muted">没有匹配的群或订阅用户：通知只出现在小程序和“最新通知”里。</p>`}
    ${!!d.data?.deliveries.length && html`<${DeliveryTable} deliveries=${d.data.deliveries} canRetry=${me.role === 'admin'} onChanged=${d.reload} />`}
  </div>`;
}

function newKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/** 全部 / 华东区 / 山东: whom a notice was for. */
function useTargetText() {
  const { regionName, provinceName } = useDirectory();
  return (t: Notice['target']) => {
    if (t?.all) return '全部';
    const parts = [...(t?.regions ?? []).map(regionName), ...(t?.provinces ?? []).map(provinceName)];
    return (parts.join('、') || '—') + (t?.miniapp ? '（含小程序）' : '');
  };
}

/** How long a notice is for WeCom, and what will happen to it. */
function LengthHint({ text }: { text: string }) {
  const bytes = utf8Bytes(text);
  if (bytes <= WECOM_TEXT_MAX_BYTES) return html`<span class="muted length-hint">${bytes} / ${WECOM_TEXT_MAX_BYTES} 字节</span>`;
  const parts = Math.ceil(bytes / (WECOM_TEXT_MAX_BYTES - 64));
  return html`<span class="error length-hint" role="status">${bytes} 字节，超过企业微信单条 ${WECOM_TEXT_MAX_BYTES} 字节上限：将按段落分约 ${parts} 条发送</span>`;
}

export function NoticesPage({ me }: { me: Me }) {
  const { regions, provinces } = useDirectory();
  const notices = useLoad(() => api<{ notices: Notice[] }>('/api/admin/notices'));
  const paged = usePaged(notices.data?.notices, 15);
  const [open, setOpen] = useState<number | null>(null);
  const [reading, setReading] = useState<number | null>(null);
  const [form, setForm] = useState({ title: '', body: '', scope: me.role === 'admin' ? 'all' : 'region', region: me.regionCode ?? '', province: '', publishAt: '', miniapp: false });
  const [preview, setPreview] = useState<Preview | null>(null);
  const action = useAction();
  const targetText = useTargetText();
  // One key per filled-in form: a double click or a retried request publishes once.
  const [requestKey, setRequestKey] = useState(() => newKey());
  const target = () =>
    form.scope === 'all' ? { all: true } : form.scope === 'region' ? { regions: [form.region], miniapp: form.miniapp || undefined } : { provinces: [form.province] };
  const body = (draft?: boolean) => ({ title: form.title, body: form.body, target: target(), publishAt: form.publishAt ? new Date(form.publishAt).toISOString() : undefined, draft });
  /** 发布 first shows what will be sent and to how many; 确认发布 sends it. */
  const submit = async (e: Event) => {
    e.preventDefault();
    await action.run(async () => setPreview((await api<{ preview: Preview }>('/api/admin/notices/preview', { json: body() })).preview));
  };
  const send = async (draft?: boolean) => {
    let created: Notice | undefined;
    const ok = await action.run(
      async () => (created = (await api<{ notice: Notice }>('/api/admin/notices', { json: body(draft), headers: { 'idempotency-key': requestKey + (draft ? ':draft' : '') } })).notice),
      draft ? '已存为草稿' : form.publishAt ? '已定时发布' : '已发布，正在发送',
    );
    if (ok && created) {
      setForm({ ...form, title: '', body: '' });
      setPreview(null);
      setRequestKey(newKey());
      void notices.reload();
      if (!draft) setOpen(created.id);
    }
  };
  const publishDraft = async (n: Notice) => {
    const p = (await api<{ preview: Preview }>('/api/admin/notices/preview', { json: { title: n.title, body: n.body, target: n.target } })).preview;
    if (!confirm(`现在发布“${n.title}”？将发送给 ${p.groups} 个群${p.miniappSubscribers ? `和 ${p.miniappSubscribers} 位小程序订阅用户` : ''}。`)) return false;
    await api(`/api/admin/notices/${n.id}/publish`, { method: 'POST' });
    void notices.reload();
    setOpen(n.id);
    return true;
  };
  return html`
    <form class="card notice-form" onSubmit=${submit}>
      <div class="row"><input required name="title" aria-label="标题" style="flex:1" placeholder="标题" value=${form.title} onInput=${(e: any) => setForm({ ...form, title: e.target.value })} /></div>
      <textarea required name="body" aria-label="内容" placeholder="内容（可含链接）" value=${form.body} onInput=${(e: any) => setForm({ ...form, body: e.target.value })}></textarea>
      <div class="row"><${LengthHint} text=${`【通知】${form.title}\n${form.body}`} /></div>
      <div class="row">
        <select name="scope" aria-label="发送范围" value=${form.scope} onChange=${(e: any) => setForm({ ...form, scope: e.target.value })}>
          ${me.role === 'admin' && html`<option value="all">全部群和订阅用户</option>`}
          <option value="region">按区域</option><option value="province">按省份</option>
        </select>
        ${form.scope === 'region' &&
        html`<select name="region" aria-label="区域" required value=${form.region} onChange=${(e: any) => setForm({ ...form, region: e.target.value })}>
          <option value="">选择区域</option>
          ${regions.filter((r) => me.role === 'admin' || r.code === me.regionCode).map((r) => html`<option value=${r.code}>${r.name}</option>`)}
        </select>`}
        ${form.scope === 'province' &&
        html`<select name="province" aria-label="省份" required value=${form.province} onChange=${(e: any) => setForm({ ...form, province: e.target.value })}>
          <option value="">选择省份</option>
          ${provinces.filter((p) => me.role === 'admin' || p.regionCode === me.regionCode).map((p) => html`<option value=${p.code}>${p.name}</option>`)}
        </select>`}
        <label>定时发布 <input type="datetime-local" value=${form.publishAt} onInput=${(e: any) => setForm({ ...form, publishAt: e.target.value })} /></label>
      </div>
      <div class="actions">
        <button type="submit" disabled=${action.busy}>${action.busy ? '处理中…' : '发布…'}</button>
        <button type="button" class="secondary" disabled=${action.busy} onClick=${() => send(true)}>存为草稿</button>
        ${!preview && html`<${FormError} error=${action.error} />`}
      </div>
    </form>
    ${preview &&
    html`<div class="card notice-preview" role="dialog" aria-label="确认发布">
      <p><strong>将发送给 ${preview.total} 个对象</strong>：${preview.groups} 个群${preview.miniappSubscribers ? `、${preview.miniappSubscribers} 位小程序订阅用户` : ''}
        ${preview.groupNames.length ? html`<span class="muted">（${preview.groupNames.join('、')}${preview.groups > preview.groupNames.length ? '等' : ''}）</span>` : null}</p>
      ${preview.total === 0 ? html`<p class="error">没有匹配的群或订阅用户：通知只会出现在小程序和“最新通知”里。</p>` : null}
      ${(preview.parts ?? 1) > 1 ? html`<p class="error">内容超过企业微信单条 ${WECOM_TEXT_MAX_BYTES} 字节上限，将按段落分 ${preview.parts} 条发送。</p>` : null}
      <pre class="preview-text">${preview.text}</pre>
      <div class="actions"><button class="confirm-publish" disabled=${action.busy} onClick=${() => send()}>${action.busy ? '发布中…' : form.publishAt ? '确认定时发布' : '确认发布'}</button>
        <button class="secondary" onClick=${() => setPreview(null)}>返回修改</button><${FormError} error=${action.error} /></div>
    </div>`}
    <h2>已有通知</h2>
    <${Status} loading=${notices.loading} error=${notices.error} onRetry=${notices.reload} />
    ${notices.data && !notices.data.notices.length && html`<${Empty}>还没有通知。在上方填写标题和内容即可发布。</${Empty}>`}
    ${!!paged.items.length &&
    html`<table class="notices"><thead><tr><th>标题</th><th>范围</th><th>状态</th><th>时间</th><th>操作</th></tr></thead><tbody>
      ${paged.items.map(
        (n) => html`<tr class="notice-row" data-notice=${n.id}><td>${n.title}</td><td>${targetText(n.target)}</td><td><span class=${'tag ' + n.status}>${label(NOTICE_STATUS, n.status)}</span></td>
          <td>${formatTime(n.publishedAt ?? n.publishAt ?? n.createdAt)}</td>
          <td><div class="actions">
            <button class="secondary" aria-expanded=${reading === n.id} onClick=${() => setReading(reading === n.id ? null : n.id)}>${reading === n.id ? '收起' : '查看内容'}</button>
            ${n.status !== 'draft' && html`<button class="secondary" aria-expanded=${open === n.id} onClick=${() => setOpen(open === n.id ? null : n.id)}>投递状态</button>`}
            ${n.status === 'draft' && html`<${ActionButton} kind="secondary" class="publish-draft" ok=${(done: boolean) => (done ? "已发布，正在发送" : "")} onRun=${() => publishDraft(n)}>发布</${ActionButton}>`}
            ${(n.status === 'scheduled' || n.status === 'draft') &&
            html`<${ActionButton} kind="danger" confirm=${`撤回通知“${n.title}”？撤回后不会再发出。`} ok=${`已撤回“${n.title}”`}
              onRun=${async () => (await api(`/api/admin/notices/${n.id}/withdraw`, { method: 'POST' }), notices.reload())}>撤回</${ActionButton}>`}
          </div></td></tr>
          ${reading === n.id && html`<tr class="notice-body"><td colspan="5"><pre>【通知】${n.title}\n${n.body}</pre></td></tr>`}`,
      )}
    </tbody></table>`}
    <${Pager} page=${paged.page} total=${paged.total} size=${paged.size} onPage=${paged.setPage} />
    ${open && html`<${Deliveries} key=${open} id=${open} me=${me} />`}
  `;
}
