import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { html, useLoad, Status, formatTime } from '../ui.js';
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

const CHANNEL_NAMES: Record<string, string> = { wechaty: '微信群', wecom: '企业微信成员', wecom_robot: '企业微信群机器人' };

function RegionCard({ region, onSaved }: { region: Destinations['regions'][number]; onSaved: () => void }) {
  const [key, setKey] = useState(region.digestWebhookKey ?? '');
  const [message, setMessage] = useState('');
  const [result, setResult] = useState<TestResult | null>(null);
  const [sending, setSending] = useState(false);
  const saveKey = async () => {
    try {
      await api(`/api/admin/regions/${region.code}`, { method: 'PATCH', json: { digestWebhookKey: key.trim() || null } });
      setMessage('已保存');
      onSaved();
    } catch (err) {
      setMessage((err as Error).message);
    }
  };
  const sendTest = async () => {
    setSending(true);
    setMessage('');
    try {
      setResult(await api<TestResult>('/api/admin/digests/test', { json: { region: region.code } }));
    } catch (err) {
      setMessage((err as Error).message);
    } finally {
      setSending(false);
    }
  };
  return html`<div class="card" data-region=${region.code}>
    <h3>${region.name}</h3>
    <p>摘要发送给：${region.digestTo.length ? region.digestTo.join('、') : html`<span class="error">无人可收</span>`}</p>
    ${region.missing.length ? html`<p class="error">${region.missing.join('；')}（区域管家的企业微信账号、微信号在“区域与联系人”中填写）</p>` : null}
    <div class="row">
      <label>群机器人 webhook key <input aria-label="群机器人 webhook key" value=${key} onInput=${(e: any) => setKey(e.target.value)} /></label>
      <button class="secondary" onClick=${saveKey}>保存</button>
      <button onClick=${sendTest} disabled=${sending}>${sending ? '发送中…' : '发送测试'}</button>
      ${message && html`<span role="status">${message}</span>`}
    </div>
    ${result &&
    html`<div class="test-result" role="status">
      ${result.deliveries.length
        ? html`<ul>${result.deliveries.map((d) => html`<li>${d.destination}：${d.status === 'sent' ? html`<span class="tag reported">已送达</span> ${formatTime(d.sentAt)}` : html`<span class="tag missing">${d.status}</span> <span class="error">${d.lastError ?? ''}</span>`}</li>`)}</ul>`
        : html`<p class="error">没有可发送的对象。</p>`}
      ${result.missing.length ? html`<p class="error">未送达：${result.missing.join('；')}</p>` : null}
    </div>`}
  </div>`;
}

function BindWecomUser({ colleges, onDone }: { colleges: Destinations['colleges']; onDone: () => void }) {
  const [collegeId, setCollegeId] = useState('');
  const [userId, setUserId] = useState('');
  const [message, setMessage] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      await api('/api/admin/wecom-users', { json: { collegeId: Number(collegeId), wecomUserId: userId.trim() } });
      setMessage(`已绑定，立即生效：${userId} 在企业微信里提问会按所选学校回答，进展可直接发送。`);
      setUserId('');
      onDone();
    } catch (err) {
      setMessage((err as Error).message);
    }
  };
  return html`<form class="card row" onSubmit=${submit}>
    <strong>绑定企业微信成员到学校</strong>
    <select required aria-label="学校" value=${collegeId} onChange=${(e: any) => setCollegeId(e.target.value)}>
      <option value="">选择学校</option>
      ${colleges.map((c) => html`<option value=${c.id}>${c.name}</option>`)}
    </select>
    <input required aria-label="企业微信账号" placeholder="企业微信账号（userid）" value=${userId} onInput=${(e: any) => setUserId(e.target.value)} />
    <button type="submit">绑定</button>
    ${message && html`<span role="status">${message}</span>`}
  </form>`;
}

export function DestinationsPage({ me }: { me: Me }) {
  const d = useLoad(() => api<Destinations>('/api/admin/destinations'));
  if (!d.data) return html`<${Status} loading=${d.loading} error=${d.error} />`;
  const unbind = async (groupId: number) => {
    if (!confirm('解除这个绑定？')) return;
    await api(`/api/admin/groups/${groupId}`, { method: 'DELETE' });
    d.reload();
  };
  return html`
    <p class="muted">摘要渠道（DIGEST_CHANNEL）：${d.data.digestChannel}。${me.role === 'admin' ? '' : '只显示本区域。'}</p>
    <h2>区域管家摘要</h2>
    ${d.data.regions.map((r) => html`<${RegionCard} key=${r.code + (r.digestWebhookKey ?? '')} region=${r} onSaved=${d.reload} />`)}
    <h2>学校的接收渠道</h2>
    ${d.data.unreachable ? html`<p class="error">${d.data.unreachable} 所学校无法提醒（没有绑定群或企业微信成员）。</p>` : null}
    <${BindWecomUser} colleges=${d.data.colleges} onDone=${d.reload} />
    <div class="table-wrap"><table>
      <thead><tr><th>学校</th><th>绑定的群 / 成员</th><th>小程序联系人</th></tr></thead>
      <tbody>${d.data.colleges.map(
        (c) => html`<tr data-college=${c.name}><td>${c.name}</td>
          <td>${c.groups.length
            ? c.groups.map((g) => html`<div>${CHANNEL_NAMES[g.channel] ?? g.channel}：${g.name ?? g.externalId} <button class="link" onClick=${() => unbind(g.id)}>解除</button></div>`)
            : html`<span class="tag missing">无法提醒</span>`}</td>
          <td>${c.miniappContacts}</td></tr>`,
      )}</tbody>
    </table></div>
  `;
}
