import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { html, useLoad, Status, formatTime, useAction, ActionButton, FormError, Empty, usePaged, Pager } from '../ui.js';
import { ROLE, label } from '../labels.js';
import { useDirectory } from '../directory.js';
import type { Me } from '../main.js';

interface Account { id: number; username: string; displayName: string | null; role: string; regionCode: string | null; disabled?: boolean; createdAt?: string }
interface BindCode { code: string; purpose: string; collegeId: number; collegeName: string | null; expiresAt: string; usedAt: string | null; revokedAt?: string | null; createdAt?: string }

function ResetPassword({ account, onDone }: { account: Account; onDone: () => void }) {
  const [password, setPassword] = useState('');
  const saving = useAction();
  const submit = async (e: Event) => {
    e.preventDefault();
    if (await saving.run(() => api(`/api/admin/accounts/${account.id}/password`, { json: { password } }), `已重设 ${account.username} 的密码，请当面或电话告知本人`)) onDone();
  };
  return html`<form class="row reset-password" onSubmit=${submit}>
    <input required type="password" minlength="12" aria-label="新密码" placeholder="新密码（至少12位）" value=${password} onInput=${(e: any) => setPassword(e.target.value)} />
    <button type="submit" disabled=${saving.busy}>${saving.busy ? '保存中…' : '确定重设'}</button>
    <button type="button" class="secondary" onClick=${onDone}>取消</button>
    <${FormError} error=${saving.error} />
  </form>`;
}

function AccountsSection({ me }: { me: Me }) {
  const accounts = useLoad(() => api<{ accounts: Account[] }>('/api/admin/accounts'));
  const { regions, regionName } = useDirectory();
  const [form, setForm] = useState({ username: '', displayName: '', password: '', role: 'region_manager', regionCode: '' });
  const [resetting, setResetting] = useState<number | null>(null);
  const adding = useAction();
  const add = async (e: Event) => {
    e.preventDefault();
    const ok = await adding.run(
      () => api('/api/admin/accounts', { json: { ...form, regionCode: form.role === 'region_manager' ? form.regionCode : undefined } }),
      `已创建账号 ${form.username}`,
    );
    if (ok) {
      setForm({ ...form, username: '', displayName: '', password: '' });
      void accounts.reload();
    }
  };
  const setDisabled = async (a: Account, disabled: boolean) => {
    await api(`/api/admin/accounts/${a.id}`, { method: 'PATCH', json: { disabled } });
    void accounts.reload();
  };
  return html`
    <h2>后台账号</h2>
    <${Status} loading=${accounts.loading} error=${accounts.error} onRetry=${accounts.reload} />
    ${!!accounts.data?.accounts.length &&
    html`<table class="accounts">
      <thead><tr><th>用户名</th><th>名称</th><th>角色</th><th>区域</th><th>状态</th><th>操作</th></tr></thead>
      <tbody>${accounts.data.accounts.map(
        (a) => html`<tr data-account=${a.username}><td>${a.username}</td><td>${a.displayName ?? ''}</td><td>${label(ROLE, a.role)}</td><td>${a.regionCode ? regionName(a.regionCode) : '全部'}</td>
          <td>${a.disabled ? html`<span class="tag disabled">已停用</span>` : html`<span class="tag active">正常</span>`}</td>
          <td>${a.id === me.id
            ? html`<span class="muted">当前登录</span>`
            : resetting === a.id
              ? html`<${ResetPassword} account=${a} onDone=${() => setResetting(null)} />`
              : html`<div class="actions">
                  <button type="button" class="secondary" onClick=${() => setResetting(a.id)}>重设密码</button>
                  ${a.disabled
                    ? html`<${ActionButton} kind="secondary" ok=${`已启用 ${a.username}`} onRun=${() => setDisabled(a, false)}>启用</${ActionButton}>`
                    : html`<${ActionButton} kind="danger" confirm=${`停用 ${a.username}？停用后立即退出登录，不能再登录。`} ok=${`已停用 ${a.username}`} onRun=${() => setDisabled(a, true)}>停用</${ActionButton}>`}
                  <${ActionButton} kind="danger" confirm=${`删除账号 ${a.username}？此操作不能撤销；有操作记录的账号请改为停用。`} ok=${`已删除账号 ${a.username}`}
                    onRun=${async () => (await api(`/api/admin/accounts/${a.id}`, { method: 'DELETE' }), accounts.reload())}>删除</${ActionButton}>
                </div>`}</td></tr>`,
      )}</tbody>
    </table>`}
    <form class="card row" onSubmit=${add}>
      <input required aria-label="用户名" placeholder="用户名" value=${form.username} onInput=${(e: any) => setForm({ ...form, username: e.target.value })} />
      <input aria-label="名称" placeholder="名称" value=${form.displayName} onInput=${(e: any) => setForm({ ...form, displayName: e.target.value })} />
      <input required type="password" aria-label="初始密码" placeholder="初始密码（至少12位）" minlength="12" value=${form.password} onInput=${(e: any) => setForm({ ...form, password: e.target.value })} />
      <select aria-label="角色" value=${form.role} onChange=${(e: any) => setForm({ ...form, role: e.target.value })}>
        <option value="region_manager">区域管家</option><option value="admin">管理员</option>
      </select>
      ${form.role === 'region_manager' &&
      html`<select required aria-label="区域" value=${form.regionCode} onChange=${(e: any) => setForm({ ...form, regionCode: e.target.value })}>
        <option value="">选择区域</option>${regions.map((r) => html`<option value=${r.code}>${r.name}</option>`)}
      </select>`}
      <button type="submit" disabled=${adding.busy}>${adding.busy ? '创建中…' : '创建账号'}</button>
      <${FormError} error=${adding.error} />
    </form>`;
}

function PasswordSection() {
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const saving = useAction();
  const change = async (e: Event) => {
    e.preventDefault();
    if (await saving.run(() => api('/api/auth/password', { json: { currentPassword: current, newPassword: password } }), '密码已修改。其他设备上的登录已退出。')) {
      setCurrent('');
      setPassword('');
    }
  };
  return html`<h2>修改我的密码</h2>
    <form class="card row" onSubmit=${change}>
      <input required type="password" name="currentPassword" aria-label="当前密码" placeholder="当前密码" value=${current} onInput=${(e: any) => setCurrent(e.target.value)} />
      <input required type="password" name="newPassword" aria-label="新密码" minlength="12" placeholder="新密码（至少12位，不要用常见密码）" value=${password} onInput=${(e: any) => setPassword(e.target.value)} />
      <button type="submit" disabled=${saving.busy}>${saving.busy ? '修改中…' : '修改'}</button>
      <${FormError} error=${saving.error} />
    </form>`;
}

function codeState(c: BindCode): { text: string; tag: string } {
  if (c.usedAt) return { text: '已使用 ' + formatTime(c.usedAt), tag: 'used' };
  if (c.revokedAt) return { text: '已作废', tag: 'revoked' };
  if (new Date(c.expiresAt).getTime() < Date.now()) return { text: '已过期', tag: 'expired' };
  return { text: '未使用', tag: 'active' };
}

function BindCodesSection() {
  const colleges = useLoad(() => api<{ colleges: Array<{ id: number; name: string; provinceCode: string }> }>('/api/admin/colleges'));
  const { provinces } = useDirectory();
  const codes = useLoad(() => api<{ bindCodes: BindCode[] }>('/api/admin/bind-codes'));
  const [onlyOpen, setOnlyOpen] = useState(true);
  const shown = codes.data?.bindCodes.filter((c) => !onlyOpen || codeState(c).tag === 'active');
  const paged = usePaged(shown, 15, onlyOpen);
  const [collegeName, setCollegeName] = useState('');
  const [purpose, setPurpose] = useState<'contact' | 'group'>('contact');
  const [provinceCode, setProvinceCode] = useState('');
  const [issued, setIssued] = useState('');
  const issuing = useAction();
  const issue = async (e: Event) => {
    e.preventDefault();
    setIssued('');
    await issuing.run(async () => {
      const res = await api('/api/admin/bind-codes', { json: { collegeName, provinceCode, purpose } });
      const code = res.bindCode?.code ?? res.code;
      setIssued(purpose === 'group' ? `群绑定码：${code}（在群里@助手发送“绑定 ${code}”）` : `绑定码：${code}`);
      void codes.reload();
      void colleges.reload();
    }, '已生成绑定码');
  };
  return html`<h2>绑定码</h2>
    <p class="muted">小程序联系人：把绑定码发给院校联系人，在小程序“我的 › 进展报送”里输入后即可为本校报送进展。
      群绑定：把绑定码发给院校的群，在群里@助手发送“绑定 绑定码”即把该群绑定到本校（群主自己不能随意绑定学校）。绑定码一次有效，14天内使用；发错了可以作废。</p>
    <form class="card row" onSubmit=${issue}>
      <input required list="college-names" aria-label="院校名称" placeholder="院校名称" value=${collegeName} onInput=${(e: any) => setCollegeName(e.target.value)} />
      <datalist id="college-names">${colleges.data?.colleges.map((c) => html`<option value=${c.name} />`)}</datalist>
      <select required aria-label="所在省份" value=${provinceCode} onChange=${(e: any) => setProvinceCode(e.target.value)}>
        <option value="">所在省份</option>${provinces.map((p) => html`<option value=${p.code}>${p.name}</option>`)}
      </select>
      <select value=${purpose} onChange=${(e: any) => setPurpose(e.target.value)} aria-label="用途">
        <option value="contact">小程序联系人</option><option value="group">群绑定</option>
      </select>
      <button type="submit" disabled=${issuing.busy}>${issuing.busy ? '生成中…' : '生成绑定码'}</button>
      <${FormError} error=${issuing.error} />${issued && html`<strong class="ok bind-code">${issued}</strong>`}
    </form>
    <div class="row"><label><input type="checkbox" checked=${onlyOpen} onChange=${(e: any) => setOnlyOpen(e.target.checked)} /> 只看未使用的</label></div>
    <${Status} loading=${codes.loading} error=${codes.error} onRetry=${codes.reload} />
    ${shown && !shown.length && html`<${Empty}>${onlyOpen ? '没有未使用的绑定码。' : '还没有生成过绑定码。'}</${Empty}>`}
    ${!!paged.items.length &&
    html`<table class="bind-codes">
      <thead><tr><th>绑定码</th><th>用途</th><th>院校</th><th>有效期至</th><th>状态</th><th>操作</th></tr></thead>
      <tbody>${paged.items.map((c) => {
        const state = codeState(c);
        return html`<tr data-code=${c.code}><td>${c.code}</td><td>${c.purpose === 'group' ? '群绑定' : '小程序联系人'}</td><td>${c.collegeName ?? '—'}</td><td>${formatTime(c.expiresAt)}</td>
          <td><span class=${'tag ' + state.tag}>${state.text}</span></td>
          <td>${state.tag === 'active' &&
            html`<${ActionButton} kind="danger" confirm=${`作废绑定码 ${c.code}？作废后不能再使用。`} ok=${`已作废 ${c.code}`}
              onRun=${async () => (await api(`/api/admin/bind-codes/${encodeURIComponent(c.code)}`, { method: 'DELETE' }), codes.reload())}>作废</${ActionButton}>`}</td></tr>`;
      })}</tbody>
    </table>`}
    <${Pager} page=${paged.page} total=${paged.total} size=${paged.size} onPage=${paged.setPage} />`;
}

export function AccountsPage({ me }: { me: Me }) {
  return html`${me.role === 'admin' && html`<${AccountsSection} me=${me} />`}<${PasswordSection} /><${BindCodesSection} />`;
}
