import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, SIGNED_OUT_EVENT } from './api.js';
import { html, Toasts, notify } from './ui.js';
import { useDirectory } from './directory.js';
import { setDocumentTitles } from './labels.js';
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
import { CollegesPage } from './pages/colleges.js';
import { DeliveriesPage } from './pages/deliveries.js';

export interface Me {
  id: number;
  role: 'admin' | 'region_manager';
  username: string;
  displayName: string | null;
  regionCode: string | null;
  /** Signed in with a generated first-start password: it must be changed first. */
  mustChangePassword?: boolean;
}

export const PAGES: Array<{ path: string; title: string; adminOnly?: boolean; view: (p: { me: Me }) => unknown }> = [
  { path: 'dashboard', title: '概览', view: DashboardPage },
  { path: 'contacts', title: '区域与联系人', view: ContactsPage },
  { path: 'colleges', title: '院校与群', view: CollegesPage },
  { path: 'destinations', title: '送达与绑定', view: DestinationsPage },
  { path: 'channels', title: '渠道', adminOnly: true, view: ChannelsPage },
  { path: 'knowledge', title: '知识库', view: KnowledgePage },
  { path: 'exams', title: '考试安排', view: ExamsPage },
  { path: 'notices', title: '通知', view: NoticesPage },
  { path: 'deliveries', title: '投递记录', adminOnly: true, view: DeliveriesPage },
  { path: 'reports', title: '进展报送', view: ReportsPage },
  { path: 'questions', title: '待答问题', view: QuestionsPage },
  { path: 'playground', title: '问答测试', view: PlaygroundPage },
  { path: 'accounts', title: '账号与绑定码', view: AccountsPage },
  { path: 'audit', title: '审计日志', adminOnly: true, view: AuditPage },
];

function currentPath(): string {
  return location.hash.replace(/^#\/?/, '').split('?')[0] || 'dashboard';
}

/**
 * Stacked tables on a phone show each cell's column name: copy the header texts onto the cells
 * (data-label), for every table the pages render.
 */
function labelTables(root: HTMLElement) {
  for (const table of Array.from(root.querySelectorAll('table'))) {
    const heads = Array.from(table.querySelectorAll('thead th')).map((th) => th.textContent?.trim() ?? '');
    if (!heads.length) continue;
    for (const row of Array.from(table.querySelectorAll('tbody tr'))) {
      let i = 0;
      for (const cell of Array.from(row.children) as HTMLElement[]) {
        const text = cell.getAttribute('colspan') ? '' : heads[i] ?? '';
        if (cell.dataset.label !== text) cell.dataset.label = text;
        i += Number(cell.getAttribute('colspan') ?? 1);
      }
    }
  }
}

function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [path, setPath] = useState(currentPath());
  const [menuOpen, setMenuOpen] = useState(false);
  const [signedOut, setSignedOut] = useState('');
  const { regionName } = useDirectory();

  useEffect(() => {
    const onHash = () => {
      setPath(currentPath());
      setMenuOpen(false);
    };
    const onSignedOut = () => {
      setSignedOut('登录已过期或已在别处退出，请重新登录。');
      setMe(null);
    };
    addEventListener('hashchange', onHash);
    addEventListener(SIGNED_OUT_EVENT, onSignedOut);
    api<{ account: Me }>('/api/auth/me').then((r) => setMe(r.account), () => setMe(null));
    const main = document.getElementById('app')!;
    const observer = new MutationObserver(() => labelTables(main));
    observer.observe(main, { childList: true, subtree: true, characterData: true });
    return () => {
      removeEventListener('hashchange', onHash);
      removeEventListener(SIGNED_OUT_EVENT, onSignedOut);
      observer.disconnect();
    };
  }, []);

  // Source files (seeds/000_….txt) are shown by their document titles on every page.
  const [, setTitlesLoaded] = useState(0);
  useEffect(() => {
    if (!me || me.mustChangePassword) return;
    api<{ documents?: Array<{ title: string; file: string | null }> }>('/api/admin/knowledge?pageSize=1').then(
      (r) => (setDocumentTitles(r.documents ?? []), setTitlesLoaded((n) => n + 1)),
      () => {},
    );
  }, [me?.id]);

  if (me === undefined) return html`<p class="muted pad">加载中…</p>`;
  if (me === null)
    return html`<${LoginPage} notice=${signedOut} onLogin=${(account: Me) => (setSignedOut(''), setMe(account))} /><${Toasts} />`;
  if (me.mustChangePassword) return html`<${ChangePasswordPage} onDone=${(account: Me) => setMe(account)} /><${Toasts} />`;

  const pages = PAGES.filter((p) => !p.adminOnly || me.role === 'admin');
  const page = pages.find((p) => p.path === path) ?? pages[0]!;
  const logout = async () => {
    try {
      await api('/api/auth/logout', { method: 'POST' });
    } catch {
      notify('error', '退出时网络异常，本页已退出');
    }
    setMe(null);
  };
  return html`
    <header class="topbar">
      <button class="menu-toggle" aria-label="菜单" aria-expanded=${menuOpen} onClick=${() => setMenuOpen(!menuOpen)}>☰ 菜单</button>
      <strong>1+X 联络助手</strong>
      <span class="who">${me.displayName ?? me.username}（${me.role === 'admin' ? '管理员' : '区域管家 · ' + regionName(me.regionCode)}）</span>
      <button class="link" onClick=${logout}>退出</button>
    </header>
    <div class="layout">
      <nav class=${menuOpen ? 'open' : ''}>
        ${pages.map((p) => html`<a href=${'#/' + p.path} class=${p.path === page.path ? 'active' : ''}>${p.title}</a>`)}
      </nav>
      <main>
        <h1>${page.title}</h1>
        <${page.view} key=${page.path} me=${me} />
      </main>
    </div>
    <${Toasts} />
  `;
}

const root = document.getElementById('app')!;
root.textContent = '';
render(html`<${App} />`, root);
