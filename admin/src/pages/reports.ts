import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { html, useLoad, Status, formatTime } from '../ui.js';
import type { Me } from '../main.js';

import type { Report } from '../../../api/reports/repository.js';
import { REPORT_FIELDS } from '../../../api/reports/fields.js';

/** The table's field columns (the short fields) and the texts shown when a row is opened, from the declaration. */
export const TABLE_FIELDS = REPORT_FIELDS.filter((f) => f.kind !== 'text');
export const DETAIL_FIELDS = REPORT_FIELDS.filter((f) => f.kind === 'text');

function hashParams(): URLSearchParams {
  return new URLSearchParams(location.hash.split('?')[1] ?? '');
}

export function ReportsPage({ me }: { me: Me }) {
  const periods = useLoad(() => api<{ current: { id: string }; previous: { id: string } }>('/api/periods/current'));
  const regions = useLoad(() => api<{ regions: Array<{ code: string; name: string }> }>('/api/regions'));
  const [period, setPeriod] = useState(hashParams().get('period') ?? '');
  const [region, setRegion] = useState(me.role === 'region_manager' ? me.regionCode ?? '' : hashParams().get('region') ?? '');
  const effectivePeriod = period || periods.data?.current.id || '';
  const query = `period=${effectivePeriod}${region ? '&region=' + region : ''}`;
  const reports = useLoad(() => (effectivePeriod ? api<{ reports: Report[] }>(`/api/reports?${query}`) : Promise.resolve({ reports: [] })), [query]);
  const digest = useLoad(() => (region && effectivePeriod ? api<{ digest: { text: string } }>(`/api/digests?${query}`) : Promise.resolve(undefined)), [query]);
  const [openId, setOpenId] = useState<number | null>(null);
  return html`
    <div class="row">
      <label>期次 <input name="period" placeholder=${periods.data?.current.id ?? '2026-11-a'} value=${period} onChange=${(e: any) => setPeriod(e.target.value.trim())} /></label>
      ${periods.data && html`<button class="link" onClick=${() => setPeriod(periods.data!.previous.id)}>上期 ${periods.data.previous.id}</button>`}
      ${me.role === 'admin'
        ? html`<select value=${region} onChange=${(e: any) => setRegion(e.target.value)}><option value="">全部区域</option>
            ${regions.data?.regions.map((r) => html`<option value=${r.code}>${r.name}</option>`)}</select>`
        : null}
      <a href=${`/api/reports/export?${query}&format=xlsx`}><button type="button">导出 Excel</button></a>
      <a href=${`/api/reports/export?${query}&format=csv`}><button type="button" class="secondary">导出 CSV</button></a>
    </div>
    <${Status} loading=${reports.loading} error=${reports.error} />
    <div class="table-wrap"><table>
      <thead><tr><th>省份</th><th>院校</th>${TABLE_FIELDS.map((f) => html`<th>${f.short}</th>`)}<th>更新</th></tr></thead>
      <tbody>${reports.data?.reports.map(
        (r) => html`<tr class="report-row" onClick=${() => setOpenId(openId === r.id ? null : r.id)}>
          <td>${r.provinceName}</td><td>${r.collegeName} ${r.late ? html`<span class="tag missing">迟报</span>` : ''}</td>${TABLE_FIELDS.map((f) => html`<td>${r[f.key] ?? ''}</td>`)}
          <td>${formatTime(r.updatedAt)}</td></tr>
          ${openId === r.id && html`<tr><td colspan=${TABLE_FIELDS.length + 3} class="answer">${DETAIL_FIELDS.filter((f) => r[f.key]).map((f) => `${f.label}：${r[f.key]}`).join('\n')}</td></tr>`}`,
      )}</tbody>
    </table></div>
    ${reports.data?.reports.length === 0 && html`<p class="muted">本期还没有报送。</p>`}
    ${digest.data && html`<h2>区域汇总</h2><pre class="card answer">${digest.data.digest.text}</pre>`}
  `;
}
