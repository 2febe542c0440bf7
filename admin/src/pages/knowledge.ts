import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { html, useLoad, Status } from '../ui.js';
import type { Me } from '../main.js';

interface Entry { id: number; kind: string; title: string; body: string; sourceDocument: string; section: string | null; origin: string }

function EntryRow({ entry, canEdit, onSaved }: { entry: Entry; canEdit: boolean; onSaved: () => void }) {
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(entry.body);
  const save = async () => {
    await api(`/api/admin/knowledge/${entry.id}`, { method: 'PATCH', json: { body } });
    setEditing(false);
    onSaved();
  };
  const remove = async () => {
    if (!confirm('删除这条知识？')) return;
    await api(`/api/admin/knowledge/${entry.id}`, { method: 'DELETE' });
    onSaved();
  };
  return html`<div class="card">
    <p><strong>${entry.section ?? entry.title}</strong> <span class="muted">《${entry.sourceDocument}》${entry.origin === 'console' ? ' · 后台' : ''}</span></p>
    ${editing ? html`<textarea value=${body} onInput=${(e: any) => setBody(e.target.value)}></textarea>` : html`<p class="answer">${entry.body}</p>`}
    ${canEdit &&
    html`<div class="row">${editing
      ? html`<button onClick=${save}>保存</button><button class="secondary" onClick=${() => setEditing(false)}>取消</button>`
      : html`<button class="secondary" onClick=${() => setEditing(true)}>编辑</button><button class="link" onClick=${remove}>删除</button>`}</div>`}
  </div>`;
}

export function KnowledgePage({ me }: { me: Me }) {
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const list = useLoad(() => api<{ entries: Entry[]; units: number }>(`/api/admin/knowledge${query ? '?q=' + encodeURIComponent(query) : ''}`), [query]);
  const [msg, setMsg] = useState('');
  const canEdit = me.role === 'admin';
  const upload = async (e: Event) => {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).querySelector('input[type=file]') as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    try {
      const res = await api(`/api/admin/knowledge/upload?filename=${encodeURIComponent(file.name)}`, { body: await file.arrayBuffer() as BodyInit });
      setMsg(`已导入 ${res.passages} 段内容，索引已重建。`);
      list.reload();
    } catch (err) {
      setMsg((err as Error).message);
    }
  };
  const rebuild = async () => {
    const res = await api('/api/admin/knowledge/rebuild', { method: 'POST' });
    setMsg(`索引已重建（${res.units} 个片段）。`);
  };
  return html`
    <form class="row" onSubmit=${(e: Event) => { e.preventDefault(); setQuery(q); }}>
      <input placeholder="搜索知识库" value=${q} onInput=${(e: any) => setQ(e.target.value)} />
      <button type="submit">搜索</button>
      ${canEdit && html`<button type="button" class="secondary" onClick=${rebuild}>重建索引</button>`}
    </form>
    ${canEdit &&
    html`<form class="card row" onSubmit=${upload}>
      <span>上传文档（.docx / .md / .txt）：</span><input type="file" accept=".docx,.md,.txt" /><button type="submit">上传并导入</button>
    </form>`}
    ${msg && html`<p class="ok">${msg}</p>`}
    <${Status} loading=${list.loading} error=${list.error} />
    ${list.data && html`<p class="muted">共 ${list.data.entries.length} 条${query ? '匹配' : ''}，索引片段 ${list.data.units} 个。</p>`}
    ${list.data?.entries.map((e) => html`<${EntryRow} key=${e.id} entry=${e} canEdit=${canEdit} onSaved=${list.reload} />`)}
  `;
}
