import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { html, useLoad, Status, useAction, ActionButton, FormError, Empty, usePaged, Pager } from '../ui.js';
import { GROUP_CHANNEL, label } from '../labels.js';
import { useDirectory } from '../directory.js';
import type { Me } from '../main.js';

interface College {
  id: number; name: string; provinceCode: string; regionCode: string;
  groups: Array<{ id: number; channel: string; externalId: string; name: string | null }>;
  miniappContacts: number;
}

/** 院校与群: every college in scope, the groups and members bound to it, and adding a college. */
export function CollegesPage({ me }: { me: Me }) {
  const { regions, provinces, provinceName, regionName } = useDirectory();
  const [region, setRegion] = useState(me.role === 'admin' ? '' : me.regionCode ?? '');
  const [province, setProvince] = useState('');
  const [search, setSearch] = useState('');
  const [onlyUnreachable, setOnlyUnreachable] = useState(false);
  const d = useLoad(() => api<{ colleges: College[] }>(`/api/admin/destinations${region ? '?region=' + region : ''}`), [region]);
  const filtered = d.data?.colleges.filter(
    (c) => (!province || c.provinceCode === province) && (!search || c.name.includes(search.trim())) && (!onlyUnreachable || !c.groups.length),
  );
  const paged = usePaged(filtered, 20, `${region}|${province}|${search}|${onlyUnreachable}`);
  const [form, setForm] = useState({ name: '', provinceCode: '' });
  const adding = useAction();
  const add = async (e: Event) => {
    e.preventDefault();
    if (await adding.run(() => api('/api/admin/colleges', { json: form }), `已添加院校 ${form.name}`)) {
      setForm({ ...form, name: '' });
      void d.reload();
    }
  };
  const visibleProvinces = provinces.filter((p) => (me.role === 'admin' ? !region || p.regionCode === region : p.regionCode === me.regionCode));
  return html`
    <p class="muted">院校在绑定群、生成绑定码或报送进展时自动出现。一个院校可以绑定多个群；解除绑定后该群不能再为本校报送。</p>
    <div class="row filters">
      ${me.role === 'admin' &&
      html`<select aria-label="区域" value=${region} onChange=${(e: any) => { setRegion(e.target.value); setProvince(''); }}>
        <option value="">全部区域</option>${regions.map((r) => html`<option value=${r.code}>${r.name}</option>`)}
      </select>`}
      <select aria-label="省份" value=${province} onChange=${(e: any) => setProvince(e.target.value)}>
        <option value="">全部省份</option>${visibleProvinces.map((p) => html`<option value=${p.code}>${p.name}</option>`)}
      </select>
      <input aria-label="搜索院校" placeholder="搜索院校名称" value=${search} onInput=${(e: any) => setSearch(e.target.value)} />
      <label><input type="checkbox" checked=${onlyUnreachable} onChange=${(e: any) => setOnlyUnreachable(e.target.checked)} /> 只看无法提醒的</label>
    </div>
    <${Status} loading=${d.loading} error=${d.error} onRetry=${d.reload} />
    ${filtered && !filtered.length && html`<${Empty}>${d.data?.colleges.length ? '没有符合条件的院校。' : '还没有院校。院校在生成绑定码或绑定群时自动加入，也可在下方添加。'}</${Empty}>`}
    ${!!paged.items.length &&
    html`<table class="colleges">
      <thead><tr><th>院校</th><th>省份</th><th>区域</th><th>绑定的群 / 成员</th><th>小程序联系人</th></tr></thead>
      <tbody>${paged.items.map(
        (c) => html`<tr data-college=${c.name}><td>${c.name}</td><td>${provinceName(c.provinceCode)}</td><td>${regionName(c.regionCode)}</td>
          <td>${c.groups.length
            ? c.groups.map(
                (g) => html`<div class="group">${label(GROUP_CHANNEL, g.channel)}：${g.name ?? '（未命名）'}
                  <${ActionButton} kind="danger" confirm=${`解除“${g.name ?? g.externalId}”与${c.name}的绑定？`} ok="已解除绑定"
                    onRun=${async () => (await api(`/api/admin/groups/${g.id}`, { method: 'DELETE' }), d.reload())}>解除绑定</${ActionButton}></div>`,
              )
            : html`<span class="tag missing">无法提醒</span> <a href="#/accounts">生成群绑定码</a>`}</td>
          <td>${c.miniappContacts}</td></tr>`,
      )}</tbody>
    </table>`}
    <${Pager} page=${paged.page} total=${paged.total} size=${paged.size} onPage=${paged.setPage} />
    <h2>新增院校</h2>
    <form class="card row" onSubmit=${add}>
      <input required aria-label="院校名称" placeholder="院校全称" value=${form.name} onInput=${(e: any) => setForm({ ...form, name: e.target.value })} />
      <select required aria-label="所在省份" value=${form.provinceCode} onChange=${(e: any) => setForm({ ...form, provinceCode: e.target.value })}>
        <option value="">所在省份</option>${visibleProvinces.map((p) => html`<option value=${p.code}>${p.name}</option>`)}
      </select>
      <button type="submit" disabled=${adding.busy}>${adding.busy ? '添加中…' : '添加院校'}</button>
      <${FormError} error=${adding.error} />
    </form>
  `;
}
