import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { html, useLoad, Status, formatTime, useAction, FormError } from '../ui.js';
import { DELIVERY_STATUS, deliveryError, label } from '../labels.js';
import type { Me } from '../main.js';

interface Destinations {
  digestChannel: string;
  regions: Array<{ code: string; name: string; digestWebhookKey: string | null; digestTo: string[]; missing: string[] }>;
  colleges: Array<{ id: number; name: string; provinceCode: string; regionCode: string; groups: Array<{ id: number; channel: string; externalId: string; name: string | null }>; miniappContacts: number }>;
  unreachable: number;
}
interface TestResult {
  deliveries: Array<{ id: number; channel: string; destination: string; status: string; lastError: string | null; sentAt: string | null }>;
  missing: string[];
}

const DIGEST_CHANNEL: Record<string, string> = { wecom_app: '企业微信应用消息（发给区域管家本人）', wecom_robot: '企业微信群机器人（发到区域群）', wechaty: '微信（发给区域管家本人）' };

function RegionCard({ region, onSaved }: { region: Destinations['regions'][number]; onSaved: () => void }) {
  const [key, setKey] = useState(region.digestWebhookKey ?? '');
  const [result, setResult] = useState<TestResult | null>(null);
  const saving = useAction();
  const testing = useAction();
  const saveKey = async () => {
    if (await saving.run(() => api(`/api/admin/regions/${region.code}`, { method: 'PATCH', json: { digestWebhookKey: key.trim() || null } }), `已保存${region.name}的群机器人 key`)) onSaved();
  };
  const sendTest = () => testing.run(async () => setResult(await api<TestResult>('/api/admin/digests/test', { json: { region: region.code } })));
  return html`<div class="card" data-region=${region.code}>
    <h3>${region.name}</h3>
    <p>摘要发送给：${region.digestTo.length ? region.digestTo.join('、') : html`<span class="error">无人可收</span>`}</p>
    ${region.missing.length ? html`<p class="error">${region.missing.join('；')}（区域管家的企业微信账号、微信号在“区域与联系人”中填写）</p>` : null}
    <div class="row">
      <label>群机器人 webhook key <input aria-label="群机器人 webhook key" value=${key} onInput=${(e: any) => setKey(e.target.value)} /></label>
      <button class="secondary" onClick=${saveKey} disabled=${saving.busy}>${saving.busy ? '保存中…' : '保存'}</button>
      <button onClick=${sendTest} disabled=${testing.busy}>${testing.busy ? '发送中…' : '发送测试'}</button>
      <${FormError} error=${saving.error || testing.error} />
    </div>
    ${result &&
    html`<div class="test-result" role="status">
      ${result.deliveries.length
        ? html`<ul>${result.deliveries.map((d) => html`<li>${d.destination}：${d.status === 'sent' ? html`<span class="tag reported">已送达</span> ${formatTime(d.sentAt)}` : html`<span class="tag missing">${label(DELIVERY_STATUS, d.status)}</span> <span class="error" title=${d.lastError ?? ''}>${deliveryError(d.lastError)}</span>`}</li>`)}</ul>`
        : html`<p class="error">没有可发送的对象。</p>`}
      ${result.missing.length ? html`<p class="error">未送达：${result.missing.join('；')}</p>` : null}
    </div>`}
  </div>`;
}

function BindWecomUser({ colleges, onDone }: { colleges: Destinations['colleges']; onDone: () => void }) {
  const [collegeId, setCollegeId] = useState('');
  const [userId, setUserId] = useState('');
  const binding = useAction();
  const submit = async (e: Event) => {
    e.preventDefault();
    const ok = await binding.run(
      () => api('/api/admin/wecom-users', { json: { collegeId: Number(collegeId), wecomUserId: userId.trim() } }),
      `已绑定，立即生效：${userId} 在企业微信里提问会按所选学校回答，进展可直接发送。`,
    );
    if (ok) {
      setUserId('');
      onDone();
    }
  };
  return html`<form class="card row" onSubmit=${submit}>
    <strong>绑定企业微信成员到学校</strong>
    <select required aria-label="学校" value=${collegeId} onChange=${(e: any) => setCollegeId(e.target.value)}>
      <option value="">选择学校</option>
      ${colleges.map((c) => html`<option value=${c.id}>${c.name}</option>`)}
    </select>
    <input required aria-label="企业微信账号" placeholder="企业微信账号（userid）" value=${userId} onInput=${(e: any) => setUserId(e.target.value)} />
    <button type="submit" disabled=${binding.busy}>${binding.busy ? '绑定中…' : '绑定'}</button>
    <${FormError} error=${binding.error} />
  </form>`;
}

export function DestinationsPage({ me }: { me: Me }) {
  const d = useLoad(() => api<Destinations>('/api/admin/destinations'));
  if (!d.data) return html`<${Status} loading=${d.loading} error=${d.error} onRetry=${d.reload} />`;
  return html`
    <p class="muted">区域摘要的发送方式（DIGEST_CHANNEL）：${DIGEST_CHANNEL[d.data.digestChannel] ?? d.data.digestChannel}。${me.role === 'admin' ? '' : '只显示本区域。'}</p>
    <h2>区域管家摘要</h2>
    ${d.data.regions.map((r) => html`<${RegionCard} key=${r.code + (r.digestWebhookKey ?? '')} region=${r} onSaved=${d.reload} />`)}
    <h2>学校的接收渠道</h2>
    ${d.data.unreachable
      ? html`<p class="error">${d.data.unreachable} 所学校无法提醒（没有绑定群或企业微信成员）。<a href="#/colleges">在“院校与群”中查看</a></p>`
      : html`<p class="muted">所有学校都至少绑定了一个群或企业微信成员。各校绑定的群见<a href="#/colleges">“院校与群”</a>。</p>`}
    <${BindWecomUser} colleges=${d.data.colleges} onDone=${d.reload} />
  `;
}
