import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { html, useLoad, Status, formatTime, errorText } from '../ui.js';

interface Group { id: number; channel: string; externalId: string; name: string | null; collegeName: string | null; provinceName: string | null }
interface Channel {
  channel: string;
  label: string;
  state: 'disabled' | 'connecting' | 'connected' | 'waiting_qr' | 'error';
  mode: string | null;
  error: string | null;
  since: string | null;
  lastMessageAt: string | null;
  qrImage: string | null;
  canRelink: boolean;
  groups: Group[];
}

const STATE: Record<Channel['state'], { text: string; tag: string }> = {
  connected: { text: '已连接', tag: 'reported' },
  waiting_qr: { text: '等待扫码登录', tag: 'open' },
  connecting: { text: '连接中', tag: 'open' },
  error: { text: '异常', tag: 'missing' },
  disabled: { text: '未启用', tag: '' },
};

function GroupRow({ channel, group, onChanged }: { channel: Channel; group: Group; onChanged: () => void }) {
  const [message, setMessage] = useState('');
  const [choices, setChoices] = useState<Array<{ id: string; name: string }> | null>(null);
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async (step: () => Promise<unknown>, done: string) => {
    setMessage('');
    setBusy(true);
    try {
      await step();
      setMessage(done);
    } catch (err) {
      setMessage(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const unbind = () => confirm(`解除“${group.name ?? group.externalId}”与${group.collegeName}的绑定？`) && run(async () => (await api(`/api/admin/groups/${group.id}`, { method: 'DELETE' }), onChanged()), '已解除绑定');
  const test = () => run(() => api(`/api/admin/channels/${channel.channel}/test`, { json: { externalId: group.externalId } }), '测试消息已发送');
  const startRelink = () => run(async () => setChoices((await api<{ conversations: Array<{ id: string; name: string }> }>(`/api/admin/channels/${channel.channel}/conversations`)).conversations), '');
  const relink = () => run(async () => (await api(`/api/admin/channels/groups/${group.id}/relink`, { json: { externalId: target } }), setChoices(null), onChanged()), '已重新关联');
  return html`<tr data-group=${group.id}>
    <td>${group.name ?? group.externalId}</td>
    <td>${group.collegeName}（${group.provinceName}）</td>
    <td class="row">
      <button class="secondary" disabled=${busy} onClick=${test}>发送测试消息</button>
      ${channel.canRelink && html`<button class="secondary" disabled=${busy} onClick=${startRelink}>重新关联</button>`}
      <button class="danger" disabled=${busy} onClick=${unbind}>解除绑定</button>
      ${choices &&
      html`<label>关联到 <select aria-label="关联到" value=${target} onChange=${(e: any) => setTarget(e.target.value)}>
          <option value="">选择机器人所在的群</option>
          ${choices.map((c) => html`<option value=${c.id}>${c.name}</option>`)}
        </select></label>
        <button onClick=${relink} disabled=${!target || busy}>确定</button>`}
      ${busy && html`<span class="muted" aria-busy="true">处理中…</span>`}
      ${message && html`<span role="status">${message}</span>`}
    </td>
  </tr>`;
}

function ChannelCard({ c, onChanged }: { c: Channel; onChanged: () => void }) {
  const state = STATE[c.state];
  return html`<div class="card" data-channel=${c.channel}>
    <h3>${c.label} <span class=${'tag ' + state.tag} data-state=${c.state}>${state.text}</span></h3>
    <p class="muted">${c.mode ? `方式：${c.mode} · ` : ''}最近消息：${c.lastMessageAt ? formatTime(c.lastMessageAt) : '—'}</p>
    ${c.error && html`<p class="error">${c.error}</p>`}
    ${c.qrImage && html`<p>请用机器人的微信扫码登录：</p><img class="qr" alt="登录二维码" src=${c.qrImage} width="240" height="240" />`}
    ${c.groups.length
      ? html`<table><thead><tr><th>群</th><th>绑定学校</th><th>操作</th></tr></thead><tbody>
          ${c.groups.map((g) => html`<${GroupRow} key=${g.id} channel=${c} group=${g} onChanged=${onChanged} />`)}
        </tbody></table>`
      : html`<p class="muted">还没有绑定的群。</p>`}
  </div>`;
}

/** 渠道: each chat channel's state, its bound groups (unbind, re-link), and a test message. */
export function ChannelsPage() {
  const list = useLoad(() => api<{ channels: Channel[] }>('/api/admin/channels'));
  return html`<p class="muted">各聊天渠道在本实例上的状态。微信群（wechaty）重新登录后会按群名和群主自动找回绑定；群名在机器人离线时被修改的，请用“重新关联”。</p>
    <div class="row"><button class="secondary" onClick=${list.reload}>刷新</button></div>
    <${Status} loading=${list.loading} error=${list.error} onRetry=${list.reload} />
    ${list.data?.channels.map((c) => html`<${ChannelCard} key=${c.channel} c=${c} onChanged=${list.reload} />`)}`;
}
