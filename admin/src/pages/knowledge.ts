import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { html, useLoad, Status, useAction, ActionButton, FormError, Empty, Pager, formatTime } from '../ui.js';
import { bookTitle } from '../labels.js';
import type { Me } from '../main.js';

interface Entry { id: number; kind: string; title: string; body: string; sourceDocument: string; section: string | null; origin: string; updatedAt?: string }
interface Listing { entries: Entry[]; total?: number; units: number; documents?: Array<{ title: string; file: string | null; count: number }> }

const PAGE_SIZE = 20;

function EntryRow({ entry, canEdit, onSaved }: { entry: Entry; canEdit: boolean; onSaved: () => void }) {
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(entry.body);
  const saving = useAction();
  const save = async () => {
    if (await saving.run(() => api(`/api/admin/knowledge/${entry.id}`, { method: 'PATCH', json: { body } }), '已保存，助手已按新内容回答')) {
      setEditing(false);
      onSaved();
    }
  };
  return html`<div class="card knowledge-entry" data-entry=${entry.id}>
    <p><strong>${entry.section ?? entry.title}</strong> <span class="muted">${bookTitle(entry.sourceDocument)}${entry.origin === 'console' ? ' · 后台' : ''}${entry.updatedAt ? ' · 更新于 ' + formatTime(entry.updatedAt) : ''}</span></p>
    ${editing ? html`<textarea aria-label="内容" value=${body} onInput=${(e: any) => setBody(e.target.value)}></textarea>` : html`<p class="answer">${entry.body}</p>`}
    ${canEdit &&
    html`<div class="actions">${editing
      ? html`<button onClick=${save} disabled=${saving.busy}>${saving.busy ? '保存中…' : '保存'}</button><button class="secondary" onClick=${() => setEditing(false)}>取消</button><${FormError} error=${saving.error} />`
      : html`<button class="secondary" onClick=${() => setEditing(true)}>编辑</button>
          <${ActionButton} kind="danger" confirm="删除这条知识？助手将不再使用它。" ok="已删除这条知识"
            onRun=${async () => (await api(`/api/admin/knowledge/${entry.id}`, { method: 'DELETE' }), onSaved())}>删除</${ActionButton}>`}</div>`}
  </div>`;
}

export function KnowledgePage({ me }: { me: Me }) {
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [doc, setDoc] = useState('');
  const [page, setPage] = useState(1);
  const params = new URLSearchParams();
  if (query) params.set('q', query);
  if (doc) params.set('document', doc);
  params.set('page', String(page));
  params.set('pageSize', String(PAGE_SIZE));
  const list = useLoad(() => api<Listing>(`/api/admin/knowledge?${params}`), [params.toString()]);
  const canEdit = me.role === 'admin';
  const uploading = useAction();
  const upload = async (e: Event) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const input = form.querySelector('input[type=file]') as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return uploading.setError('请先选择文件');
    const title = (form.querySelector('input[name=title]') as HTMLInputElement).value.trim();
    const ok = await uploading.run(
      async () => api(`/api/admin/knowledge/upload?filename=${encodeURIComponent(file.name)}${title ? '&title=' + encodeURIComponent(title) : ''}`, { body: (await file.arrayBuffer()) as BodyInit }),
      (res) => `已导入“${file.name}”的 ${res.passages} 段内容，索引已重建`,
    );
    if (ok) {
      form.reset();
      setDoc('');
      setPage(1);
      void list.reload();
    }
  };
  const total = list.data?.total ?? list.data?.entries.length ?? 0;
  return html`
    <form class="row" role="search" onSubmit=${(e: Event) => { e.preventDefault(); setQuery(q.trim()); setPage(1); }}>
      <input aria-label="搜索知识库" placeholder="搜索知识库" value=${q} onInput=${(e: any) => setQ(e.target.value)} />
      <select aria-label="文档" name="document" value=${doc} onChange=${(e: any) => { setDoc(e.target.value); setPage(1); }}>
        <option value="">全部文档</option>
        ${list.data?.documents?.map((d) => html`<option value=${d.title}>${bookTitle(d.title)}（${d.count}）</option>`)}
      </select>
      <button type="submit">搜索</button>
      ${canEdit && html`<${ActionButton} kind="secondary" busyText="重建中…" ok=${(r: any) => `索引已重建（${r.units} 个片段）`} onRun=${() => api('/api/admin/knowledge/rebuild', { method: 'POST' })}>重建索引</${ActionButton}>`}
    </form>
    ${canEdit &&
    html`<form class="card row upload" onSubmit=${upload}>
      <span>上传文档（.docx / .md / .txt）：</span><input type="file" aria-label="文件" accept=".docx,.md,.txt" />
      <input name="title" placeholder="文档标题（可空，默认用文件名）" />
      <button type="submit" disabled=${uploading.busy}>${uploading.busy ? '导入中…' : '上传并导入'}</button>
      <${FormError} error=${uploading.error} />
    </form>`}
    <${Status} loading=${list.loading} error=${list.error} onRetry=${list.reload} />
    ${list.data && html`<p class="muted knowledge-count">共 ${total} 条${query || doc ? '匹配' : ''}，索引片段 ${list.data.units} 个。</p>`}
    ${list.data && !list.data.entries.length && html`<${Empty}>${query || doc ? '没有匹配的条目，换个关键词或选择“全部文档”。' : '知识库是空的，上传文档即可导入。'}</${Empty}>`}
    ${list.data?.entries.map((e) => html`<${EntryRow} key=${e.id + ':' + e.body.length} entry=${e} canEdit=${canEdit} onSaved=${list.reload} />`)}
    <${Pager} page=${page} total=${total} size=${PAGE_SIZE} onPage=${setPage} />
  `;
}
