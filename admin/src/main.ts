import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.js';
import { html } from './ui.js';
import './style.css';
import { LoginPage } from './pages/login.js';
import { DashboardPage } from './pages/dashboard.js';
import { ContactsPage } from './pages/contacts.js';
import { KnowledgePage } from './pages/knowledge.js';
import { ExamsPage } from './pages/exams.js';
import { NoticesPage } from './pages/notices.js';
import { ReportsPage } from './pages/reports.js';
import { QuestionsPage } from './pages/questions.js';
import { PlaygroundPage } from './pages/playground.js';
import { AccountsPage } from './pages/accounts.js';
import { AuditPage } from './pages/audit.js';
import { ChangePasswordPage } from './pages/change-password.js';
import { DestinationsPage } from './pages/destinations.js';
import { ChannelsPage } from './pages/channels.js';

export interface Me {
  id: number;
  role: 'admin' | 'region_manager';
  username: string;
  displayName: string | null;
  regionCode: string | null;
  /** Signed in with a generated first-start password: it must be changed first. */
  mustChangePassword?: boolean;
}

const PAGES: Array<{ path: string; title: string; adminOnly?: boolean; view: (p: { me: Me }) => unknown }> = [
  { path: 'dashboard', title: '概览', view: DashboardPage },
  { path: 'contacts', title: '区域与联系人', view: ContactsPage },
  { path: 'destinations', title: '送达与绑定', view: DestinationsPage },
  { path: 'channels', title: '渠道', adminOnly: true, view: ChannelsPage },
  { path: 'knowledge', title: '知识库', view: KnowledgePage },
  { path: 'exams', title: '考试安排', view: ExamsPage },
  { path: 'notices', title: '通知', view: NoticesPage },
  { path: 'reports', title: '进展报送', view: ReportsPage },
  { path: 'questions', title: '待答问题', view: QuestionsPage },
  { path: 'playground', title: '问答测试', view: PlaygroundPage },
  { path: 'accounts', title: '账号与绑定码', view: AccountsPage },
  { path: 'audit', title: '审计日志', adminOnly: true, view: AuditPage },
];

function currentPath(): string {
  return location.hash.replace(/^#\/?/, '').split('?')[0] || 'dashboard';
}

function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [path, setPath] = useState(currentPath());
  const [menuOpen, setMenuOpen] = useState(false);

  useEffect(() => {
    const onHash = () => {
      setPath(currentPath());
      setMenuOpen(false);
    };
    addEventListener('hashchange', onHash);
    api<{ account: Me }>('/api/auth/me').then((r) => setMe(r.account), () => setMe(null));
    return () => removeEventListener('hashchange', onHash);
  }, []);

  if (me === undefined) return html`<p class="muted pad">加载中…</p>`;
  if (me === null) return html`<${LoginPage} onLogin=${(account: Me) => setMe(account)} />`;
  if (me.mustChangePassword) return html`<${ChangePasswordPage} onDone=${(account: Me) => setMe(account)} />`;

  const pages = PAGES.filter((p) => !p.adminOnly || me.role === 'admin');
  const page = pages.find((p) => p.path === path) ?? pages[0]!;
  const logout = async () => {
    await api('/api/auth/logout', { method: 'POST' });
    setMe(null);
  };
  return html`
    <header class="topbar">
      <button class="menu-toggle" aria-label="菜单" onClick=${() => setMenuOpen(!menuOpen)}>☰</button>
      <strong>1+X 联络助手</strong>
      <span class="who">${me.displayName ?? me.username}（${me.role === 'admin' ? '管理员' : '区域管家 · ' + me.regionCode}）</span>
      <button class="link" onClick=${logout}>退出</button>
    </header>
    <div class="layout">
      <nav class=${menuOpen ? 'open' : ''}>
        ${pages.map((p) => html`<a href=${'#/' + p.path} class=${p.path === page.path ? 'active' : ''}>${p.title}</a>`)}
      </nav>
      <main>
        <h1>${page.title}</h1>
        <${page.view} me=${me} />
      </main>
    </div>
  `;
}

const root = document.getElementById('app')!;
root.textContent = '';
render(html`<${App} />`, root);
