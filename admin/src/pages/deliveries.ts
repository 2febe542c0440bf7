import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { html, useLoad, Status, Empty, usePaged, Pager } from '../ui.js';
import { DELIVERY_CHANNEL, DELIVERY_STATUS } from '../labels.js';
import { DeliveryTable, pending, useAutoRefresh, type Delivery } from './deliveries-table.js';

/** 投递记录 (admins): every message on its way or sent, with the reason it failed and 重试. */
export function DeliveriesPage() {
  const [status, setStatus] = useState('failed');
  const [channel, setChannel] = useState('');
  const list = useLoad(() => api<{ deliveries: Delivery[] }>(`/api/admin/deliveries${status ? '?status=' + status : ''}`), [status]);
  const filtered = list.data?.deliveries.filter((d) => !channel || d.channel === channel);
  const paged = usePaged(filtered, 20, `${status}|${channel}`);
  useAutoRefresh(pending(list.data?.deliveries) || status === 'queued' || status === 'sending', list.reload);
  return html`
    <p class="muted">通知、进展提醒、区域摘要和问题答复都经这里发出。临时故障（网络、频率限制）会自动重试；永久错误（如接收人不在应用可见范围内）不再重试，请处理原因后点“重试”。</p>
    <div class="row">
      <select aria-label="状态" value=${status} onChange=${(e: any) => setStatus(e.target.value)}>
        <option value="">全部状态</option>${Object.entries(DELIVERY_STATUS).map(([k, v]) => html`<option value=${k}>${v}</option>`)}
      </select>
      <select aria-label="渠道" value=${channel} onChange=${(e: any) => setChannel(e.target.value)}>
        <option value="">全部渠道</option>${Object.entries(DELIVERY_CHANNEL).map(([k, v]) => html`<option value=${k}>${v}</option>`)}
      </select>
      <button class="secondary" disabled=${list.loading} onClick=${list.reload}>${list.loading ? '刷新中…' : '刷新'}</button>
    </div>
    <${Status} error=${list.error} onRetry=${list.reload} />
    ${filtered && !filtered.length && html`<${Empty}>${status === 'failed' ? '没有失败的投递。' : '没有符合条件的投递。'}</${Empty}>`}
    ${!!paged.items.length && html`<${DeliveryTable} deliveries=${paged.items} canRetry=${true} showNotice=${true} onChanged=${list.reload} />`}
    <${Pager} page=${paged.page} total=${paged.total} size=${paged.size} onPage=${paged.setPage} />
  `;
}
