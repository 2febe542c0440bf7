import { useEffect } from 'preact/hooks';
import { api } from '../api.js';
import { html, ActionButton, formatTime } from '../ui.js';
import { DELIVERY_CHANNEL, DELIVERY_STATUS, deliveryContent, deliveryError, label, recipient } from '../labels.js';

export interface Delivery {
  id: number; channel: string; destination: string; groupName: string | null; recipientName?: string | null; status: string; attempts: number;
  lastError: string | null; sentAt: string | null; outcomeUnknownAt: string | null; nextAttemptAt?: string | null; noticeTitle?: string | null; questionText?: string | null; job?: string | null; createdAt?: string | null;
}

/** While anything is still on its way, look again every few seconds. */
export function useAutoRefresh(active: boolean, reload: () => unknown, ms = 5000) {
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => void reload(), ms);
    return () => clearInterval(t);
  }, [active, reload, ms]);
}

export const pending = (list: Delivery[] | undefined) => !!list?.some((d) => d.status === 'queued' || d.status === 'sending');

/** One table for deliveries everywhere: Chinese channel and status, the reason, 重试 for admins. */
export function DeliveryTable({ deliveries, canRetry, onChanged, showNotice }: { deliveries: Delivery[]; canRetry: boolean; onChanged: () => void; showNotice?: boolean }) {
  return html`<table class="delivery-table">
    <thead><tr>${showNotice && html`<th>内容</th>`}<th>对象</th><th>渠道</th><th>状态</th><th>尝试</th><th>原因</th>${canRetry && html`<th>操作</th>`}</tr></thead>
    <tbody>${deliveries.map(
      (x) => html`<tr class="delivery" data-status=${x.status}>
        ${showNotice && html`<td>${deliveryContent(x)}</td>`}
        <td>${recipient(x)}</td><td>${label(DELIVERY_CHANNEL, x.channel)}</td>
        <td><span class=${'tag ' + x.status}>${label(DELIVERY_STATUS, x.status)}</span>${x.sentAt ? ' ' + formatTime(x.sentAt) : ''}
          ${x.status !== 'unknown' && x.outcomeUnknownAt && html` <span class="tag unknown" title="发送途中服务中断，结果未知，已重新发送">曾结果未知，可能重复</span>`}
          ${x.status === 'queued' && x.attempts > 0 && x.nextAttemptAt ? html`<div class="muted">将于 ${formatTime(x.nextAttemptAt)} 重试</div>` : null}</td>
        <td>${x.attempts} 次</td><td class="error" title=${x.lastError ?? ''}>${deliveryError(x.lastError)}</td>
        ${canRetry &&
        html`<td>${(x.status === 'failed' || x.status === 'unknown') &&
          html`<${ActionButton} kind="secondary" ok="已重新排队发送" busyText="排队中…" onRun=${async () => (await api(`/api/admin/deliveries/${x.id}/retry`, { method: 'POST' }), onChanged())}>重试</${ActionButton}>`}</td>`}
      </tr>`,
    )}</tbody>
  </table>`;
}
