import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { html, useLoad, Status, formatTime, formatDeadline, periodLabel, useAction, FormError, Empty, usePaged, Pager } from '../ui.js';
import { ASK_CHANNEL, label } from '../labels.js';
import { useDirectory } from '../directory.js';
import type { Me } from '../main.js';
import type { Report } from '../../../api/reports/repository.js';
import { REPORT_FIELDS, REPORT_STAGES } from '../../../api/reports/fields.js';

/** The table's field columns (the short fields) and the texts shown when a row is opened, from the declaration. */
export const TABLE_FIELDS = REPORT_FIELDS.filter((f) => f.kind !== 'text');
export const DETAIL_FIELDS = REPORT_FIELDS.filter((f) => f.kind === 'text');
const COUNT_FIELDS = REPORT_FIELDS.filter((f) => f.kind === 'count');

interface Missing { collegeId: number; collegeName: string; provinceName: string }
interface PeriodInfo { id: string; dueAt: string; reported?: number; late?: number }

/** How a report came in: a group message, the mini-program, or entered in the console (代报, by a staff account). */
const reportSource = (r: Report) =>
  r.channel === 'chat' ? '群消息' : r.channel === 'miniapp' ? '小程序' : r.submittedBy?.startsWith('account:') ? '后台代报' : label(ASK_CHANNEL, r.channel);

function hashParams(): URLSearchParams {
  return new URLSearchParams(location.hash.split('?')[1] ?? '');
}

/** 代报: a report that came by phone or e-mail, entered for the college. */
function ManualEntry({ period, colleges, collegeId, onSaved }: { period: string; colleges: Array<{ id: number; name: string }>; collegeId?: number; onSaved: () => void }) {
  const empty = (): Record<string, string> => ({ collegeId: collegeId ? String(collegeId) : '', ...Object.fromEntries(REPORT_FIELDS.map((f) => [f.key, ''])) });
  const [form, setForm] = useState(empty);
  const saving = useAction();
  const submit = async (e: Event) => {
    e.preventDefault();
    const college = colleges.find((c) => String(c.id) === form.collegeId);
    // every declared field (api/reports/fields.ts): counts as numbers, texts trimmed, blanks left out
    const fields = Object.fromEntries(
      REPORT_FIELDS.map((f) => [f.key, form[f.key]!.trim() === '' ? undefined : f.kind === 'count' ? Number(form[f.key]) : form[f.key]!.trim()]),
    );
    const ok = await saving.run(
      () => api('/api/reports', { json: { collegeId: Number(form.collegeId), periodId: period, ...fields } }),
      (r) => `已为${college?.name ?? '该校'}${r?.updated ? '更新' : '录入'}${periodLabel(period)}的进展`,
    );
    if (ok) {
      setForm(empty());
      onSaved();
    }
  };
  const set = (key: string) => (e: any) => setForm({ ...form, [key]: e.target.value });
  return html`<form class="card manual-entry" onSubmit=${submit}>
    <h3>代报进展（电话、邮件报来的）</h3>
    <div class="row">
      <select required aria-label="院校" value=${form.collegeId} onChange=${set('collegeId')}>
        <option value="">选择院校</option>${colleges.map((c) => html`<option value=${c.id}>${c.name}</option>`)}
      </select>
      ${REPORT_FIELDS.filter((f) => f.kind === 'stage').map(
        (f) => html`<select aria-label=${f.label} value=${form[f.key]} onChange=${set(f.key)}>
          <option value="">${f.label}（可空）</option>${REPORT_STAGES.map((s) => html`<option value=${s}>${s}</option>`)}
        </select>`,
      )}
      <span class="muted">期次：${periodLabel(period)}</span>
    </div>
    <div class="row">${COUNT_FIELDS.map(
      (f) => html`<label>${f.label} <input type="number" min="0" inputmode="numeric" aria-label=${f.label} value=${form[f.key]} onInput=${set(f.key)} /></label>`,
    )}</div>
    ${DETAIL_FIELDS.map(
      (f) => html`<textarea required=${'required' in f && f.required} aria-label=${f.label} maxlength=${f.maxLength}
        placeholder=${f.label + ('required' in f && f.required ? '（必填）' : '（可空）')} value=${form[f.key]} onInput=${set(f.key)}></textarea>`,
    )}
    <div class="actions"><button type="submit" disabled=${saving.busy}>${saving.busy ? '保存中…' : '保存代报'}</button><${FormError} error=${saving.error} /></div>
  </form>`;
}

export function ReportsPage({ me }: { me: Me }) {
  const { regions } = useDirectory();
  const periods = useLoad(() =>
    api<{ current: PeriodInfo; previous: PeriodInfo; periods?: PeriodInfo[] }>('/api/periods').catch(() => api<{ current: PeriodInfo; previous: PeriodInfo; periods?: PeriodInfo[] }>('/api/periods/current')),
  );
  const colleges = useLoad(() => api<{ colleges: Array<{ id: number; name: string }> }>('/api/admin/colleges'));
  const [period, setPeriod] = useState(hashParams().get('period') ?? '');
  const [region, setRegion] = useState(me.role === 'region_manager' ? me.regionCode ?? '' : hashParams().get('region') ?? '');
  const [show, setShow] = useState<'all' | 'reported' | 'late' | 'missing'>('all');
  const [entering, setEntering] = useState(false);
  const [entryCollege, setEntryCollege] = useState<number | undefined>(undefined);
  const effectivePeriod = period || periods.data?.current.id || '';
  const query = `period=${effectivePeriod}${region ? '&region=' + region : ''}`;
  const reports = useLoad(
    () => (effectivePeriod ? api<{ reports: Report[]; missing?: Missing[] }>(`/api/reports?${query}`) : Promise.resolve({ reports: [] as Report[], missing: undefined })),
    [query],
  );
  const digest = useLoad(() => (region && effectivePeriod ? api<{ digest: { text: string } }>(`/api/digests?${query}`) : Promise.resolve(undefined)), [query]);
  const [openId, setOpenId] = useState<number | null>(null);
  const list = periods.data?.periods ?? (periods.data ? [periods.data.current, periods.data.previous] : []);
  const info = list.find((p) => p.id === effectivePeriod);
  const rows = (reports.data?.reports ?? []).filter((r) => show === 'all' || (show === 'late' ? r.late : show === 'reported' ? !r.late : false));
  const missing = reports.data?.missing ?? [];
  const paged = usePaged(show === 'missing' ? undefined : rows, 20, `${query}|${show}`);
  const pagedMissing = usePaged(show === 'all' || show === 'missing' ? missing : [], 30, `${query}|${show}`);
  const previous = periods.data?.previous;
  return html`
    <div class="row">
      <label>期次 <select name="period" aria-label="期次" value=${effectivePeriod} onChange=${(e: any) => setPeriod(e.target.value)}>
        ${list.map((p) => html`<option value=${p.id}>${periodLabel(p.id)}${p.id === periods.data?.current.id ? '（本期）' : ''}${p.reported !== undefined ? ` · ${p.reported} 份` : ''}${p.late ? `，迟报 ${p.late}` : ''}</option>`)}
        ${effectivePeriod && !list.some((p) => p.id === effectivePeriod) && html`<option value=${effectivePeriod}>${periodLabel(effectivePeriod)}</option>`}
      </select></label>
      ${me.role === 'admin'
        ? html`<select aria-label="区域" value=${region} onChange=${(e: any) => setRegion(e.target.value)}><option value="">全部区域</option>
            ${regions.map((r) => html`<option value=${r.code}>${r.name}</option>`)}</select>`
        : null}
      <select aria-label="显示" value=${show} onChange=${(e: any) => setShow(e.target.value)}>
        <option value="all">全部</option><option value="reported">按时报送</option><option value="late">迟报</option><option value="missing">未报</option>
      </select>
    </div>
    <div class="actions">
      <a class="button" href=${`/api/reports/export?${query}&format=xlsx`} download>导出 Excel</a>
      <a class="button secondary" href=${`/api/reports/export?${query}&format=csv`} download>导出 CSV</a>
      <button type="button" class="secondary" aria-expanded=${entering} onClick=${() => setEntering(!entering)}>${entering ? '收起代报' : '代报进展'}</button>
    </div>
    ${info && html`<p class="muted">${periodLabel(info.id)}：${formatDeadline(info.dueAt)}报送；之后收到的记为迟报。导出文件同时列出未报院校。</p>`}
    ${entering && effectivePeriod && html`<${ManualEntry} key=${entryCollege ?? 0} period=${effectivePeriod} colleges=${colleges.data?.colleges ?? []} collegeId=${entryCollege} onSaved=${reports.reload} />`}
    <${Status} loading=${reports.loading} error=${reports.error} onRetry=${reports.reload} />
    ${reports.data && effectivePeriod && !reports.loading && !reports.data.reports.length && show !== 'missing' &&
    html`<${Empty}>${periodLabel(effectivePeriod)}还没有报送。
      ${previous && effectivePeriod !== previous.id && html`<button type="button" class="link" onClick=${() => setPeriod(previous.id)}>查看上期（${periodLabel(previous.id)}）</button>`}</${Empty}>`}
    ${!!paged.items.length &&
    html`<table class="reports">
      <thead><tr><th>省份</th><th>院校</th>${TABLE_FIELDS.map((f) => html`<th>${f.short}</th>`)}<th>来源</th><th>更新</th></tr></thead>
      <tbody>${paged.items.map(
        (r) => html`<tr class="report-row clickable" tabindex="0" aria-expanded=${openId === r.id} onClick=${() => setOpenId(openId === r.id ? null : r.id)}
          onKeyDown=${(e: KeyboardEvent) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), setOpenId(openId === r.id ? null : r.id))}>
          <td>${r.provinceName}</td><td>${r.collegeName} ${r.late ? html`<span class="tag late">迟报</span>` : ''}</td>${TABLE_FIELDS.map((f) => html`<td>${r[f.key] ?? ''}</td>`)}
          <td>${reportSource(r)}</td><td>${formatTime(r.updatedAt)}</td></tr>
          ${openId === r.id && html`<tr class="report-detail"><td colspan=${TABLE_FIELDS.length + 4} class="answer">${DETAIL_FIELDS.filter((f) => r[f.key]).map((f) => `${f.label}：${r[f.key]}`).join('\n')}</td></tr>`}`,
      )}</tbody>
    </table>
    <${Pager} page=${paged.page} total=${paged.total} size=${paged.size} onPage=${paged.setPage} />`}
    ${!!pagedMissing.total &&
    html`<h2>未报院校（${missing.length}）</h2>
      <table class="missing-colleges"><thead><tr><th>省份</th><th>院校</th><th>操作</th></tr></thead><tbody>
        ${pagedMissing.items.map((m) => html`<tr><td>${m.provinceName}</td><td>${m.collegeName} <span class="tag missing">未报</span></td>
          <td><button type="button" class="secondary" onClick=${() => { setEntryCollege(m.collegeId); setEntering(true); window.scrollTo(0, 0); }}>代报</button></td></tr>`)}
      </tbody></table>
      <${Pager} page=${pagedMissing.page} total=${pagedMissing.total} size=${pagedMissing.size} onPage=${pagedMissing.setPage} />`}
    ${show === 'missing' && reports.data && !missing.length && html`<${Empty}>本期所有院校都已报送。</${Empty}>`}
    ${digest.data && html`<h2>区域汇总</h2><pre class="card answer">${digest.data.digest.text}</pre>`}
  `;
}
