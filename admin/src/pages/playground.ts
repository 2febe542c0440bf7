import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { html, useLoad, Status } from '../ui.js';

/** Chat with the assistant as a chosen province's group, exactly as the channels do. */
export function PlaygroundPage() {
  const provinces = useLoad(() => api<{ provinces: Array<{ code: string; name: string }> }>('/api/provinces'));
  const [province, setProvince] = useState('');
  const [text, setText] = useState('');
  const [history, setHistory] = useState<Array<{ q: string; a: any }>>([]);
  const [error, setError] = useState('');
  const ask = async (e: Event) => {
    e.preventDefault();
    if (!text.trim()) return;
    setError('');
    try {
      const answer = await api('/api/ask', { json: { text, provinceCode: province || undefined } });
      setHistory([{ q: text, a: answer }, ...history]);
      setText('');
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return html`
    <form class="card" onSubmit=${ask}>
      <div class="row">
        <label>模拟群所属省份
          <select name="province" value=${province} onChange=${(e: any) => setProvince(e.target.value)}>
            <option value="">（未绑定）</option>
            ${provinces.data?.provinces.map((p) => html`<option value=${p.code}>${p.name}</option>`)}
          </select>
        </label>
      </div>
      <div class="row">
        <input name="question" style="flex:1" placeholder="例如：考试组织问题找谁？" value=${text} onInput=${(e: any) => setText(e.target.value)} />
        <button type="submit">提问</button>
      </div>
      <${Status} error=${error || provinces.error} />
    </form>
    ${history.map(
      (h) => html`<div class="card playground-answer">
        <p><strong>问：</strong>${h.q}</p>
        <p class="answer"><strong>答：</strong>${h.a.text}</p>
        <p class="muted">意图 ${h.a.intent} · 置信度 ${Number(h.a.confidence).toFixed(2)} ${h.a.abstained ? '· 已转人工' : ''}</p>
      </div>`,
    )}
  `;
}
