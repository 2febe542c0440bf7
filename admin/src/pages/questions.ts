import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { html, useLoad, Status, formatTime } from '../ui.js';

interface FollowUp { channel: string; destination: string; status: string; attempts: number; lastError: string | null; sentAt: string | null }
interface Question {
  id: number; channel: string; sender: string | null; senderName: string | null; question: string; reply: string | null; status: string; createdAt: string; answer: string | null;
  inGroup: boolean; canReply: boolean; followUp: FollowUp[];
  feedback: 'accurate' | 'inaccurate' | null; feedbackNote: string | null;
}

const CHANNELS: Record<string, string> = { wechaty: '微信', wecom: '企业微信', wecom_aibot: '企业微信智能机器人', miniapp: '小程序', api: '接口', admin: '后台' };
const STATUS: Record<string, string> = { queued: '排队中', sending: '发送中', sent: '已送达', failed: '发送失败' };

/** Where the answer went back to, and whether it arrived. */
function FollowUpStatus({ q }: { q: Question }) {
  if (q.channel === 'miniapp' && q.canReply && !q.followUp.length) return html`<span class="tag reported">已放入小程序“我的提问”</span>`;
  if (!q.followUp.length) return html`<span class="muted">${q.canReply ? '—' : '来源渠道无法回复（仅记录）'}</span>`;
  return html`${q.followUp.map(
    (f) => html`<div class="follow-up" data-status=${f.status}>
      <span class=${'tag ' + (f.status === 'sent' ? 'reported' : f.status === 'failed' ? 'missing' : 'open')}>${STATUS[f.status] ?? f.status}</span>
      ${f.sentAt ? ' ' + formatTime(f.sentAt) : ''}${f.lastError ? html` <span class="error">${f.lastError}</span>` : null}
    </div>`,
  )}${q.channel === 'miniapp' ? html`<div class="muted">并已放入“我的提问”</div>` : null}`;
}

/** A user's verdict on the reply (WeCom 智能机器人 准确/不准确 buttons). */
const FEEDBACK_LABEL = { accurate: '用户反馈：准确', inaccurate: '用户反馈：不准确' } as const;
function Feedback({ q }: { q: Question }) {
  if (!q.feedback) return null;
  return html`<span class=${'tag feedback-' + q.feedback}>${FEEDBACK_LABEL[q.feedback]}${q.feedbackNote ? '（' + q.feedbackNote + '）' : ''}</span>`;
}

function QuestionCard({ q, onDone }: { q: Question; onDone: () => void }) {
  const [answer, setAnswer] = useState('');
  const [toKnowledge, setToKnowledge] = useState(true);
  const [error, setError] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      if (!confirm(q.canReply ? `答复将发送给提问人${q.senderName ? '（' + q.senderName + '）' : ''}，确定发送？` : '确定提交答复？')) return;
      await api(`/api/admin/questions/${q.id}/answer`, { json: { answer, toKnowledge } });
      onDone();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const handled = async () => {
    await api(`/api/admin/questions/${q.id}/handled`, { method: 'POST' });
    onDone();
  };
  return html`<div class="card question">
    <p><strong>${q.question}</strong></p>
    <p class="muted">${formatTime(q.createdAt)} · ${CHANNELS[q.channel] ?? q.channel}${q.inGroup ? '群' : ''}${q.senderName ?? q.sender ? ' · ' + (q.senderName ?? q.sender) : ''}
      · ${q.canReply ? '答复会发回提问人' : '来源渠道无法回复，答复仅记录'} <${Feedback} q=${q} /></p>
    <p class="muted answer">助手回复：${q.reply}</p>
    <form onSubmit=${submit}>
      <textarea required placeholder="填写答复" value=${answer} onInput=${(e: any) => setAnswer(e.target.value)}></textarea>
      <div class="row">
        <label><input type="checkbox" checked=${toKnowledge} onChange=${(e: any) => setToKnowledge(e.target.checked)} /> 同时加入知识库（以后助手可直接回答）</label>
        <button type="submit">提交答复</button>
        <button type="button" class="secondary" onClick=${handled}>标记已处理</button>
        ${error && html`<span class="error" role="alert">${error}</span>`}
      </div>
    </form>
  </div>`;
}

export function QuestionsPage() {
  const [status, setStatus] = useState('open');
  const list = useLoad(() => api<{ questions: Question[] }>(`/api/admin/questions?status=${status}`), [status]);
  return html`
    <div class="row">
      <label>状态 <select value=${status} onChange=${(e: any) => setStatus(e.target.value)}>
        <option value="open">待回复</option><option value="answered">已答复</option><option value="handled">已处理</option><option value="logged">自动回答</option>
      </select></label>
    </div>
    <${Status} loading=${list.loading} error=${list.error} />
    ${list.data?.questions.length === 0 && html`<p class="muted">没有问题。</p>`}
    ${status === 'open'
      ? list.data?.questions.map((q) => html`<${QuestionCard} key=${q.id} q=${q} onDone=${list.reload} />`)
      : html`<table><thead><tr><th>时间</th><th>问题</th><th>答复</th><th>送达</th></tr></thead><tbody>
          ${list.data?.questions.map((q) => html`<tr data-question=${q.id}><td>${formatTime(q.createdAt)}</td><td>${q.question}</td><td class="answer">${q.answer ?? q.reply} <${Feedback} q=${q} /></td><td>${q.status === 'answered' ? html`<${FollowUpStatus} q=${q} />` : '—'}</td></tr>`)}
        </tbody></table>`}
  `;
}
