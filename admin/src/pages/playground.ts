import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { html, Status, useAction, FormError } from '../ui.js';
import { INTENT, bookTitle, label } from '../labels.js';
import { useDirectory } from '../directory.js';

/** Chat with the assistant as a chosen province's group, exactly as the channels do. */
export function PlaygroundPage() {
  const { provinces } = useDirectory();
  const [province, setProvince] = useState('');
  const [text, setText] = useState('');
  const [history, setHistory] = useState<Array<{ q: string; a: any }>>([]);
  const asking = useAction();
  const ask = async (e: Event) => {
    e.preventDefault();
    if (!text.trim()) return;
    // The console's own endpoint: a test is not logged as a real question.
    await asking.run(async () => {
      const answer = await api('/api/admin/playground', { json: { text, provinceCode: province || undefined } });
      setHistory([{ q: text, a: answer }, ...history]);
      setText('');
    });
  };
  return html`
    <form class="card" onSubmit=${ask}>
      <div class="row">
        <label>模拟群所属省份
          <select name="province" value=${province} onChange=${(e: any) => setProvince(e.target.value)}>
            <option value="">（未绑定）</option>
            ${provinces.map((p) => html`<option value=${p.code}>${p.name}</option>`)}
          </select>
        </label>
      </div>
      <div class="row">
        <input name="question" style="flex:1" placeholder="例如：考试组织问题找谁？" value=${text} onInput=${(e: any) => setText(e.target.value)} />
        <button type="submit" disabled=${asking.busy}>${asking.busy ? '思考中…' : '提问'}</button>
      </div>
      <${FormError} error=${asking.error} />
      <p class="muted">这里的测试不会记入“待答问题”。</p>
    </form>
    ${history.map(
      (h) => html`<div class="card playground-answer">
        <p><strong>问：</strong>${h.q}</p>
        <p class="answer"><strong>答：</strong>${h.a.text}</p>
        <p class="muted">识别为：${label(INTENT, h.a.intent)} · 把握 ${Math.round(Number(h.a.confidence) * 100)}% ${h.a.abstained ? '· 答不上来，真实提问会转人工' : ''}
          ${h.a.sources?.length ? html`<br />依据：${h.a.sources.map((s: any) => bookTitle(s.document ?? s.title ?? '') + (s.section ? s.section : '')).join('；')}` : null}</p>
      </div>`,
    )}
  `;
}
