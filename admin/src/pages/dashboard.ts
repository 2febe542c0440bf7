import { api } from '../api.js';
import { html, useLoad, Status, formatTime } from '../ui.js';

interface Dashboard {
  periods: Array<{ id: string; dueAt: string; regions: Array<{ code: string; name: string; colleges: number; reported: number; late: number; missing: number }> }>;
  openQuestions: Record<string, number>;
  failingDeliveries: Array<{ id: number; channel: string; destination: string; groupName: string | null; lastError: string | null; attempts: number }>;
}

export function DashboardPage() {
  const d = useLoad(() => api<Dashboard>('/api/admin/dashboard'));
  if (!d.data) return html`<${Status} loading=${d.loading} error=${d.error} />`;
  const [current, previous] = d.data.periods;
  const table = (p: Dashboard['periods'][number], title: string) => html`
    <h2>${title}：${p.id}（截止 ${formatTime(p.dueAt)} 前）</h2>
    <div class="table-wrap"><table class="period-status">
      <thead><tr><th>区域</th><th>院校</th><th>已报</th><th>迟报</th><th>未报</th><th>待答问题</th></tr></thead>
      <tbody>${p.regions.map(
        (r) => html`<tr><td>${r.name}</td><td>${r.colleges}</td><td><span class="tag reported">${r.reported}</span></td><td>${r.late}</td>
          <td>${r.missing ? html`<a href=${'#/reports?period=' + p.id + '&region=' + r.code}><span class="tag missing">${r.missing}</span></a>` : 0}</td>
          <td>${d.data!.openQuestions[r.code] ? html`<a href="#/questions"><span class="tag open">${d.data!.openQuestions[r.code]}</span></a>` : 0}</td></tr>`,
      )}</tbody>
    </table></div>`;
  return html`
    ${current && table(current, '本期')}
    ${previous && table(previous, '上期')}
    <h2>投递失败</h2>
    ${d.data.failingDeliveries.length
      ? html`<table><thead><tr><th>渠道</th><th>对象</th><th>次数</th><th>错误</th></tr></thead><tbody>
          ${d.data.failingDeliveries.map((f) => html`<tr><td>${f.channel}</td><td>${f.groupName ?? f.destination}</td><td>${f.attempts}</td><td class="error">${f.lastError}</td></tr>`)}
        </tbody></table>`
      : html`<p class="muted">没有失败的投递。</p>`}
  `;
}
