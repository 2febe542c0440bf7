import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { html, useLoad, Status, formatTime } from '../ui.js';
import type { Me } from '../main.js';

function AccountsSection() {
  const accounts = useLoad(() => api<{ accounts: Array<{ id: number; username: string; displayName: string | null; role: string; regionCode: string | null }> }>('/api/admin/accounts'));
  const regions = useLoad(() => api<{ regions: Array<{ code: string; name: string }> }>('/api/regions'));
  const [form, setForm] = useState({ username: '', displayName: '', password: '', role: 'region_manager', regionCode: '' });
  const [msg, setMsg] = useState({ error: '', ok: '' });
  const add = async (e: Event) => {
    e.preventDefault();
    try {
      await api('/api/admin/accounts', { json: { ...form, regionCode: form.role === 'region_manager' ? form.regionCode : undefined } });
      setMsg({ error: '', ok: `已创建账号 ${form.username}` });
      setForm({ ...form, username: '', displayName: '', password: '' });
      accounts.reload();
    } catch (err) {
      setMsg({ error: (err as Error).message, ok: '' });
    }
  };
  return html`
    <h2>后台账号</h2>
    <${Status} loading=${accounts.loading} error=${accounts.error} />
    <table>
      <thead><tr><th>用户名</th><th>名称</th><th>角色</th><th>区域</th></tr></thead>
      <tbody>${accounts.data?.accounts.map(
        (a) => html`<tr><td>${a.username}</td><td>${a.displayName ?? ''}</td><td>${a.role === 'admin' ? '管理员' : '区域管家'}</td><td>${a.regionCode ?? '全部'}</td></tr>`,
      )}</tbody>
    </table>
    <form class="card row" onSubmit=${add}>
      <input required placeholder="用户名" value=${form.username} onInput=${(e: any) => setForm({ ...form, username: e.target.value })} />
      <input placeholder="名称" value=${form.displayName} onInput=${(e: any) => setForm({ ...form, displayName: e.target.value })} />
      <input required type="password" placeholder="初始密码（至少12位）" minlength="12" value=${form.password} onInput=${(e: any) => setForm({ ...form, password: e.target.value })} />
      <select value=${form.role} onChange=${(e: any) => setForm({ ...form, role: e.target.value })}>
        <option value="region_manager">区域管家</option><option value="admin">管理员</option>
      </select>
      ${form.role === 'region_manager' &&
      html`<select required value=${form.regionCode} onChange=${(e: any) => setForm({ ...form, regionCode: e.target.value })}>
        <option value="">选择区域</option>${regions.data?.regions.map((r) => html`<option value=${r.code}>${r.name}</option>`)}
      </select>`}
      <button type="submit">创建账号</button>
      ${msg.error && html`<span class="error" role="alert">${msg.error}</span>`}${msg.ok && html`<span class="ok">${msg.ok}</span>`}
    </form>`;
}

function PasswordSection(_props: { me: Me }) {
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [msg, setMsg] = useState('');
  const change = async (e: Event) => {
    e.preventDefault();
    try {
      await api('/api/auth/password', { json: { currentPassword: current, newPassword: password } });
      setMsg('密码已修改。其他设备上的登录已退出。');
      setCurrent('');
      setPassword('');
    } catch (err) {
      setMsg((err as Error).message);
    }
  };
  return html`<h2>修改我的密码</h2>
    <form class="card row" onSubmit=${change}>
      <input required type="password" name="currentPassword" placeholder="当前密码" value=${current} onInput=${(e: any) => setCurrent(e.target.value)} />
      <input required type="password" name="newPassword" minlength="12" placeholder="新密码（至少12位，不要用常见密码）" value=${password} onInput=${(e: any) => setPassword(e.target.value)} />
      <button type="submit">修改</button> <span>${msg}</span>
    </form>`;
}

function BindCodesSection() {
  const colleges = useLoad(() => api<{ colleges: Array<{ id: number; name: string; provinceCode: string }> }>('/api/admin/colleges'));
  const provinces = useLoad(() => api<{ provinces: Array<{ code: string; name: string }> }>('/api/provinces'));
  const codes = useLoad(() => api<{ bindCodes: Array<any> }>('/api/admin/bind-codes'));
  const [collegeName, setCollegeName] = useState('');
  const [purpose, setPurpose] = useState<'contact' | 'group'>('contact');
  const [provinceCode, setProvinceCode] = useState('');
  const [msg, setMsg] = useState({ error: '', ok: '' });
  const issue = async (e: Event) => {
    e.preventDefault();
    try {
      const res = await api('/api/admin/bind-codes', { json: { collegeName, provinceCode, purpose } });
      const code = res.bindCode?.code ?? res.code;
      setMsg({ error: '', ok: purpose === 'group' ? `群绑定码：${code}（在群里@助手发送“绑定 ${code}”）` : `绑定码：${code}` });
      codes.reload();
      colleges.reload();
    } catch (err) {
      setMsg({ error: (err as Error).message, ok: '' });
    }
  };
  return html`<h2>绑定码</h2>
    <p class="muted">小程序联系人：把绑定码发给院校联系人，在小程序“进展”页输入后即可为本校报送进展。
      群绑定：把绑定码发给院校的群，在群里@助手发送“绑定 绑定码”即把该群绑定到本校（群主自己不能随意绑定学校）。绑定码一次有效，14天内使用。</p>
    <form class="card row" onSubmit=${issue}>
      <input required list="college-names" placeholder="院校名称" value=${collegeName} onInput=${(e: any) => setCollegeName(e.target.value)} />
      <datalist id="college-names">${colleges.data?.colleges.map((c) => html`<option value=${c.name} />`)}</datalist>
      <select required value=${provinceCode} onChange=${(e: any) => setProvinceCode(e.target.value)}>
        <option value="">所在省份</option>${provinces.data?.provinces.map((p) => html`<option value=${p.code}>${p.name}</option>`)}
      </select>
      <select value=${purpose} onChange=${(e: any) => setPurpose(e.target.value)} aria-label="用途">
        <option value="contact">小程序联系人</option><option value="group">群绑定</option>
      </select>
      <button type="submit">生成绑定码</button>
      ${msg.error && html`<span class="error" role="alert">${msg.error}</span>`}${msg.ok && html`<strong class="ok bind-code">${msg.ok}</strong>`}
    </form>
    <${Status} loading=${codes.loading} error=${codes.error} />
    <table>
      <thead><tr><th>绑定码</th><th>用途</th><th>院校</th><th>有效期至</th><th>状态</th></tr></thead>
      <tbody>${codes.data?.bindCodes?.map(
        (c) => html`<tr><td>${c.code}</td><td>${c.purpose === 'group' ? '群绑定' : '小程序联系人'}</td><td>${c.collegeName ?? c.collegeId}</td><td>${formatTime(c.expiresAt)}</td><td>${c.usedAt ? '已使用 ' + formatTime(c.usedAt) : '未使用'}</td></tr>`,
      )}</tbody>
    </table>`;
}

export function AccountsPage({ me }: { me: Me }) {
  return html`${me.role === 'admin' && html`<${AccountsSection} />`}<${PasswordSection} me=${me} /><${BindCodesSection} />`;
}
