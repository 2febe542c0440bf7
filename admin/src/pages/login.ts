import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { html, errorText } from '../ui.js';

export function LoginPage({ onLogin, notice }: { onLogin: (account: any) => void; notice?: string }) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    setBusy(true);
    setError('');
    try {
      const { account } = await api('/api/auth/login', { json: { username: form.get('username'), password: form.get('password') } });
      onLogin(account);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return html`
    <form class="login card" onSubmit=${submit}>
      <h1>1+X 联络助手 · 登录</h1>
      ${notice && !error && html`<p class="error session-expired" role="status">${notice}</p>`}
      <label>用户名<input name="username" autocomplete="username" required /></label>
      <label>密码<input name="password" type="password" autocomplete="current-password" required /></label>
      ${error && html`<p class="error" role="alert">${error}</p>`}
      <button type="submit" disabled=${busy}>${busy ? '登录中…' : '登录'}</button>
    </form>
  `;
}
