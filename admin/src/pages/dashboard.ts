import { api } from '../api.js';
import { html, useLoad, Status, formatDeadline, periodLabel } from '../ui.js';
import { DELIVERY_CHANNEL, label, deliveryError } from '../labels.js';
import type { Me } from '../main.js';

interface Dashboard {
  periods: Array<{ id: string; dueAt: string; regions: Array<{ code: string; name: string; colleges: number; reported: number; late: number; missing: number }> }>;
  openQuestions: Record<string, number>;
  undeliverable: Array<{ code: string; name: string; unreachableColleges: string[]; digestMissing: string[] }>;
  severalGroups?: Array<{ collegeId: number; collegeName: string; groups: string[] }>;
  failingDeliveries: Array<{ id: number; channel: string; destination: string; groupName: string | null; lastError: string | null; attempts: number }>;
}

export function DashboardPage({ me }: { me: Me }) {
  const d = useLoad(() => api<Dashboard>('/api/admin/dashboard'));
  if (!d.data) return html`<${Status} loading=${d.loading} error=${d.error} onRetry=${d.reload} />`;
  const [current, previous] = d.data.periods;
  const table = (p: Dashboard['periods'][number], title: string) => html`
    <h2>${title}：${periodLabel(p.id)}（${formatDeadline(p.dueAt)}报送）</h2>
    <table class="period-status compact">
      <thead><tr><th>区域</th><th>院校</th><th>已报</th><th>迟报</th><th>未报</th><th>待答问题</th></tr></thead>
      <tbody>${p.regions.map(
        (r) => html`<tr><td>${r.name}</td><td>${r.colleges}</td><td><span class="tag reported">${r.reported}</span></td><td>${r.late}</td>
          <td>${r.missing ? html`<a href=${'#/reports?period=' + p.id + '&region=' + r.code}><span class="tag missing">${r.missing}</span></a>` : 0}</td>
          <td>${d.data!.openQuestions[r.code] ? html`<a href="#/questions"><span class="tag open">${d.data!.openQuestions[r.code]}</span></a>` : 0}</td></tr>`,
      )}</tbody>
    </table>`;
  return html`
    ${current && table(current, '本期')}
    ${previous && table(previous, '上期')}
    ${d.data.openQuestions.unassigned ? html`<p><a href="#/questions">未分区域的待答问题（由管理员答复）：<span class="tag open">${d.data.openQuestions.unassigned}</span></a></p>` : null}
    <h2>无法送达</h2>
    ${d.data.undeliverable.some((u) => u.unreachableColleges.length || u.digestMissing.length)
      ? html`<ul class="undeliverable">${d.data.undeliverable
          .filter((u) => u.unreachableColleges.length || u.digestMissing.length)
          .map((u) => html`<li><strong>${u.name}</strong>：
            ${u.unreachableColleges.length ? html`<span class="tag missing">${u.unreachableColleges.length} 所学校无法提醒</span>（${u.unreachableColleges.slice(0, 5).join('、')}${u.unreachableColleges.length > 5 ? '等' : ''}，未绑定群或企业微信） ` : null}
            ${u.digestMissing.length ? html`<span class="error">摘要：${u.digestMissing.join('；')}</span> <a href="#/destinations">去填写</a>` : null}</li>`)}</ul>`
      : html`<p class="muted">所有学校和区域管家都能收到消息。</p>`}
    ${d.data.severalGroups?.length
      ? html`<h2>一校多群</h2><p class="muted">这些学校绑定了不止一个群，任何一个群都能报送进展；如非本校所为，请在“院校与群”中解除绑定。</p>
          <ul class="several-groups">${d.data.severalGroups.map((c) => html`<li><strong>${c.collegeName}</strong>：${c.groups.join('、')}</li>`)}</ul>`
      : null}
    <h2>投递失败</h2>
    ${d.data.failingDeliveries.length
      ? html`<table><thead><tr><th>渠道</th><th>对象</th><th>次数</th><th>原因</th></tr></thead><tbody>
          ${d.data.failingDeliveries.map((f) => html`<tr><td>${label(DELIVERY_CHANNEL, f.channel)}</td><td>${f.groupName ?? f.destination}</td><td>${f.attempts}</td><td class="error" title=${f.lastError ?? ''}>${deliveryError(f.lastError)}</td></tr>`)}
        </tbody></table>
        ${me.role === 'admin' ? html`<p><a href="#/deliveries">查看全部投递记录</a></p>` : null}`
      : html`<p class="muted">没有失败的投递。</p>`}
  `;
}
