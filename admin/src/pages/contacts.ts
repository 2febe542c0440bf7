import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { html, useLoad, Status, useAction, ActionButton, FormError, Empty, usePaged, Pager } from '../ui.js';
import { documentTitle } from '../labels.js';
import type { Me } from '../main.js';

import type { Contact as ApiContact } from '../../../api/contract.js';

/** A contact as GET /api/admin/contacts lists it: with the region it belongs to. */
type Contact = ApiContact & { region: string | null };

function ContactRow({ contact, where, onSaved }: { contact: Contact; where: string; onSaved: () => void }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(contact.name);
  const [phone, setPhone] = useState(contact.phone ?? '');
  const [wecomUserId, setWecomUserId] = useState(contact.wecomUserId ?? '');
  const [wechatId, setWechatId] = useState(contact.wechatId ?? '');
  const saving = useAction();
  const save = async () => {
    const ok = await saving.run(
      () => api(`/api/admin/contacts/${contact.id}`, { method: 'PATCH', json: { name, phone: phone.trim() || null, wecomUserId: wecomUserId.trim() || null, wechatId: wechatId.trim() || null } }),
      `已保存联系人 ${name}`,
    );
    if (ok) {
      setEditing(false);
      onSaved();
    }
  };
  const remove = async () => {
    await api(`/api/admin/contacts/${contact.id}`, { method: 'DELETE' });
    onSaved();
  };
  return html`<tr data-contact=${contact.name}>
    <td>${where}</td>
    <td>${contact.role === 'region_manager' ? '区域管家' : '省区负责人'}</td>
    <td>${editing ? html`<input aria-label="姓名" value=${name} onInput=${(e: any) => setName(e.target.value)} />` : contact.name}</td>
    <td>${editing
      ? html`<input aria-label="电话" name="phone" value=${phone} onInput=${(e: any) => setPhone(e.target.value)} />`
      : contact.phone ?? html`<span class="muted">（来源未提供）</span>`}</td>
    <td>${editing
      ? html`<input aria-label="企业微信账号" name="wecomUserId" value=${wecomUserId} onInput=${(e: any) => setWecomUserId(e.target.value)} />
          <input aria-label="微信号" name="wechatId" value=${wechatId} onInput=${(e: any) => setWechatId(e.target.value)} />`
      : html`${contact.wecomUserId ? '企业微信：' + contact.wecomUserId : ''}${contact.wecomUserId && contact.wechatId ? html`<br />` : ''}${contact.wechatId ? '微信：' + contact.wechatId : ''}
          ${!contact.wecomUserId && !contact.wechatId && contact.role === 'region_manager' ? html`<span class="tag missing">未填写，收不到摘要</span>` : null}`}</td>
    <td class="muted hide-narrow">${contact.origin === 'console' ? '后台修改' : documentTitle(contact.source)}</td>
    <td><div class="actions">
      ${editing
        ? html`<button onClick=${save} disabled=${saving.busy}>${saving.busy ? '保存中…' : '保存'}</button> <button class="secondary" onClick=${() => setEditing(false)}>取消</button>`
        : html`<button class="secondary" onClick=${() => setEditing(true)}>编辑</button>
            <${ActionButton} kind="danger" confirm=${`删除联系人 ${contact.name}？`} ok=${`已删除联系人 ${contact.name}`} onRun=${remove}>删除</${ActionButton}>`}
      </div><${FormError} error=${saving.error} />
    </td>
  </tr>`;
}

export function ContactsPage({ me }: { me: Me }) {
  const regions = useLoad(() => api<{ regions: Array<{ code: string; name: string; provinces: string[] }> }>('/api/regions'));
  const [region, setRegion] = useState(me.role === 'region_manager' ? me.regionCode ?? '' : '');
  const contacts = useLoad(() => api<{ contacts: Contact[]; provinces: Array<{ code: string; name: string; regionCode: string }> }>(
    `/api/admin/contacts${region ? `?region=${region}` : ''}`,
  ), [region]);
  const provinceName = new Map(contacts.data?.provinces.map((p) => [p.code, p.name]));
  const regionName = new Map(regions.data?.regions.map((r) => [r.code, r.name]));
  const [form, setForm] = useState({ name: '', phone: '', role: 'province_lead', provinceCode: '', regionCode: '' });
  const adding = useAction();
  const add = async (e: Event) => {
    e.preventDefault();
    const ok = await adding.run(() => api('/api/admin/contacts', {
        json: {
          name: form.name,
          phone: form.phone.trim() || null,
          role: form.role,
          provinceCode: form.role === 'province_lead' ? form.provinceCode : undefined,
          regionCode: form.role === 'region_manager' ? form.regionCode : undefined,
        },
      }), `已添加联系人 ${form.name}`);
    if (ok) {
      setForm({ ...form, name: '', phone: '' });
      contacts.reload();
    }
  };
  const visibleProvinces = (contacts.data?.provinces ?? []).filter((p) => !region || p.regionCode === region);
  const [province, setProvince] = useState('');
  const [search, setSearch] = useState('');
  const shown = contacts.data?.contacts.filter(
    (c) => (!province || c.provinceCode === province) && (!search.trim() || [c.name, c.phone, c.wecomUserId, c.wechatId].some((v) => v?.includes(search.trim()))),
  );
  const paged = usePaged(shown, 20, `${region}|${province}|${search}`);
  return html`
    <div class="row">
      ${me.role === 'admin'
        ? html`<label>区域 <select value=${region} onChange=${(e: any) => setRegion(e.target.value)}>
            <option value="">全部</option>
            ${regions.data?.regions.map((r) => html`<option value=${r.code}>${r.name}</option>`)}
          </select></label>`
        : html`<span>本区域：${regionName.get(region) ?? region}</span>`}
      <select aria-label="省份" value=${province} onChange=${(e: any) => setProvince(e.target.value)}>
        <option value="">全部省份</option>${visibleProvinces.map((p) => html`<option value=${p.code}>${p.name}</option>`)}
      </select>
      <input aria-label="搜索联系人" placeholder="搜索姓名、电话或账号" value=${search} onInput=${(e: any) => setSearch(e.target.value)} />
    </div>
    <p class="muted">修改后立即生效：助手的回答会使用新的联系人信息。</p>
    <${Status} loading=${contacts.loading} error=${contacts.error} onRetry=${contacts.reload} />
    ${shown && !shown.length && html`<${Empty}>${contacts.data?.contacts.length ? '没有符合条件的联系人。' : '这个区域还没有联系人，可在下方添加。'}</${Empty}>`}
    <div class="table-wrap"><table>
      <thead><tr><th>省区/区域</th><th>角色</th><th>姓名</th><th>电话</th><th>接收账号</th><th class="hide-narrow">来源</th><th></th></tr></thead>
      <tbody>
        ${paged.items.map(
          (c) => html`<${ContactRow} key=${c.id + ':' + c.phone + ':' + c.name + ':' + c.wecomUserId + ':' + c.wechatId} contact=${c} onSaved=${contacts.reload}
            where=${c.role === 'region_manager' ? regionName.get(c.regionCode ?? '') ?? c.regionCode : provinceName.get(c.provinceCode ?? '') ?? c.provinceCode} />`,
        )}
      </tbody>
    </table></div>
    <${Pager} page=${paged.page} total=${paged.total} size=${paged.size} onPage=${paged.setPage} />
    <h2>新增联系人</h2>
    <form class="card row" onSubmit=${add}>
      <select value=${form.role} onChange=${(e: any) => setForm({ ...form, role: e.target.value })}>
        <option value="province_lead">省区负责人</option>
        <option value="region_manager">区域管家</option>
      </select>
      ${form.role === 'province_lead'
        ? html`<select required value=${form.provinceCode} onChange=${(e: any) => setForm({ ...form, provinceCode: e.target.value })}>
            <option value="">选择省份</option>
            ${visibleProvinces.map((p) => html`<option value=${p.code}>${p.name}</option>`)}
          </select>`
        : html`<select required value=${form.regionCode} onChange=${(e: any) => setForm({ ...form, regionCode: e.target.value })}>
            <option value="">选择区域</option>
            ${regions.data?.regions.filter((r) => !region || r.code === region).map((r) => html`<option value=${r.code}>${r.name}</option>`)}
          </select>`}
      <input required placeholder="姓名" value=${form.name} onInput=${(e: any) => setForm({ ...form, name: e.target.value })} />
      <input placeholder="电话（可空）" value=${form.phone} onInput=${(e: any) => setForm({ ...form, phone: e.target.value })} />
      <button type="submit" disabled=${adding.busy}>${adding.busy ? '添加中…' : '添加'}</button>
      <${FormError} error=${adding.error} />
    </form>
  `;
}
