import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { html, errorText } from '../ui.js';

/**
 * The first sign-in with a generated password: a new password must be chosen before anything
 * else (the server refuses every other console request until then).
 */
export function ChangePasswordPage({ onDone }: { onDone: (account: any) => void }) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    if (form.get('newPassword') !== form.get('repeat')) return setError('两次输入的新密码不一致');
    setBusy(true);
    try {
      const { account } = await api('/api/auth/password', { json: { currentPassword: form.get('currentPassword'), newPassword: form.get('newPassword') } });
      onDone(account);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return html`
    <form class="login card change-password" onSubmit=${submit}>
      <h1>请先修改初始密码</h1>
      <p class="muted">初始密码只能用来设置新密码。新密码至少12位，不要用常见密码。</p>
      <label>初始密码<input name="currentPassword" type="password" autocomplete="current-password" required /></label>
      <label>新密码<input name="newPassword" type="password" autocomplete="new-password" minlength="12" required /></label>
      <label>再输一次<input name="repeat" type="password" autocomplete="new-password" minlength="12" required /></label>
      ${error && html`<p class="error" role="alert">${error}</p>`}
      <button type="submit" disabled=${busy}>${busy ? '保存中…' : '保存新密码'}</button>
    </form>
  `;
}
