import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { html, useLoad, Status, formatTime, useAction, FormError, Empty, usePaged, Pager, ActionButton } from '../ui.js';
import { ASK_CHANNEL, DELIVERY_STATUS, INTENT, deliveryError, label } from '../labels.js';
import { useDirectory } from '../directory.js';
import type { Me } from '../main.js';

interface FollowUp { channel: string; destination: string; status: string; attempts: number; lastError: string | null; sentAt: string | null }
interface Question {
  id: number; channel: string; sender: string | null; senderName: string | null; question: string; reply: string | null; status: string; createdAt: string; answer: string | null;
  inGroup: boolean; canReply: boolean; followUp: FollowUp[]; provinceCode: string | null; collegeName?: string | null; groupName?: string | null; intent: string | null;
  feedback: 'accurate' | 'inaccurate' | null; feedbackNote: string | null;
}

/** Identical questions (ignoring spaces, punctuation and case) are answered together. */
const normalize = (q: string) => q.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
function groupQuestions(list: Question[]): Question[][] {
  const groups = new Map<string, Question[]>();
  for (const q of list) {
    const key = normalize(q.question);
    const g = groups.get(key);
    if (g) g.push(q);
    else groups.set(key, [q]);
  }
  return [...groups.values()];
}

/** Where the answer went back to, and whether it arrived. */
function FollowUpStatus({ q }: { q: Question }) {
  if (q.channel === 'miniapp' && q.canReply && !q.followUp.length) return html`<span class="tag reported">已放入小程序“我的提问”</span>`;
  if (!q.followUp.length) return html`<span class="muted">${q.canReply ? '—' : '来源渠道无法回复（仅记录）'}</span>`;
  return html`${q.followUp.map(
    (f) => html`<div class="follow-up" data-status=${f.status}>
      <span class=${'tag ' + (f.status === 'sent' ? 'reported' : f.status === 'failed' ? 'missing' : 'open')}>${label(DELIVERY_STATUS, f.status)}</span>
      ${f.sentAt ? ' ' + formatTime(f.sentAt) : ''}${f.lastError ? html` <span class="error" title=${f.lastError}>${deliveryError(f.lastError)}</span>` : null}
    </div>`,
  )}${q.channel === 'miniapp' ? html`<div class="muted">并已放入“我的提问”</div>` : null}`;
}

/** A user's verdict on the reply (WeCom 智能机器人 准确/不准确 buttons). */
const FEEDBACK_LABEL = { accurate: '用户反馈：准确', inaccurate: '用户反馈：不准确' } as const;
function Feedback({ q }: { q: Question }) {
  if (!q.feedback) return null;
  return html`<span class=${'tag feedback-' + q.feedback}>${FEEDBACK_LABEL[q.feedback]}${q.feedbackNote ? '（' + q.feedbackNote + '）' : ''}</span>`;
}

/** 杭州某职业学院（浙江）· 企业微信群 · 张三 — never an IP address or a raw channel code. */
function useOrigin() {
  const { provinceName } = useDirectory();
  return (q: Question) => {
    const where = q.collegeName ? `${q.collegeName}${q.provinceCode ? '（' + provinceName(q.provinceCode) + '）' : ''}` : q.provinceCode ? provinceName(q.provinceCode) : '未绑定学校';
    const via = label(ASK_CHANNEL, q.channel) + (q.inGroup ? '群' + (q.groupName ? '“' + q.groupName + '”' : '') : '');
    // An api/admin sender is an IP address: not a person.
    const who = q.channel === 'api' || q.channel === 'admin' ? '' : q.senderName ?? (q.channel === 'miniapp' ? '小程序用户' : q.sender ?? '');
    return [where, via, who].filter(Boolean).join(' · ');
  };
}

function QuestionCard({ group, canToKnowledge, onDone }: { group: Question[]; canToKnowledge: boolean; onDone: () => void }) {
  const q = group[0]!;
  const origin = useOrigin();
  const [answer, setAnswer] = useState('');
  const [toKnowledge, setToKnowledge] = useState(canToKnowledge);
  const [showAll, setShowAll] = useState(false);
  const action = useAction();
  const replyable = group.filter((x) => x.canReply).length;
  const submit = async (e: Event) => {
    e.preventDefault();
    const asked = group.length > 1 ? `这 ${group.length} 条相同的问题将一起答复` : '';
    if (!confirm([asked, replyable ? `答复将发送给 ${replyable} 位提问人${q.senderName && replyable === 1 ? '（' + q.senderName + '）' : ''}` : '', '确定提交？'].filter(Boolean).join('，'))) return;
    const ok = await action.run(async () => {
      // one knowledge entry for the group; each asker gets the answer back
      for (const [i, x] of group.entries()) await api(`/api/admin/questions/${x.id}/answer`, { json: { answer, toKnowledge: toKnowledge && i === 0 } });
    }, group.length > 1 ? `已答复 ${group.length} 条相同的问题` : '已答复');
    if (ok) onDone();
  };
  const handled = async () => {
    for (const x of group) await api(`/api/admin/questions/${x.id}/handled`, { method: 'POST' });
    onDone();
  };
  return html`<div class="card question" data-question=${q.id}>
    <p><strong>${q.question}</strong> ${group.length > 1 && html`<span class="tag open count">${group.length} 人问过</span>`}</p>
    <p class="muted origin">${formatTime(q.createdAt)} · ${[...new Set(group.map(origin))].slice(0, 3).join('；')}${new Set(group.map(origin)).size > 3 ? '等' : ''}${q.intent ? ' · ' + label(INTENT, q.intent) : ''}
      · ${replyable ? (group.length > 1 ? `${replyable} 条答复会发回提问人` : '答复会发回提问人') : '来源渠道无法回复，答复仅记录'} <${Feedback} q=${q} /></p>
    ${group.length > 1 &&
    html`<button type="button" class="link" onClick=${() => setShowAll(!showAll)}>${showAll ? '收起提问人' : '查看全部提问人'}</button>
      ${showAll && html`<ul class="askers">${group.map((x) => html`<li>${formatTime(x.createdAt)} · ${origin(x)}</li>`)}</ul>`}`}
    <p class="muted answer">助手回复：${q.reply}</p>
    <form onSubmit=${submit}>
      <textarea required aria-label="答复" placeholder="填写答复" value=${answer} onInput=${(e: any) => setAnswer(e.target.value)}></textarea>
      <div class="actions">
        ${canToKnowledge && html`<label><input type="checkbox" checked=${toKnowledge} onChange=${(e: any) => setToKnowledge(e.target.checked)} /> 同时加入知识库（以后助手可直接回答）</label>`}
        <button type="submit" disabled=${action.busy}>${action.busy ? '提交中…' : '提交答复'}</button>
        <${ActionButton} kind="secondary" ok=${group.length > 1 ? `已将 ${group.length} 条标记为已处理` : '已标记为已处理'} onRun=${handled}>标记已处理</${ActionButton}>
        <${FormError} error=${action.error} />
      </div>
    </form>
  </div>`;
}

export function QuestionsPage({ me }: { me: Me }) {
  const [status, setStatus] = useState('open');
  const origin = useOrigin();
  const list = useLoad(() => api<{ questions: Question[] }>(`/api/admin/questions?status=${status}`), [status]);
  const grouped = status === 'open' && list.data ? groupQuestions(list.data.questions) : undefined;
  const pagedGroups = usePaged(grouped, 10, status);
  const pagedRows = usePaged(status === 'open' ? undefined : list.data?.questions, 20, status);
  return html`
    <div class="row">
      <label>状态 <select aria-label="状态" value=${status} onChange=${(e: any) => setStatus(e.target.value)}>
        <option value="open">待回复</option><option value="answered">已答复</option><option value="handled">已处理</option><option value="logged">自动回答</option>
      </select></label>
      <button class="secondary" disabled=${list.loading} onClick=${list.reload}>${list.loading ? '刷新中…' : '刷新'}</button>
    </div>
    <${Status} error=${list.error} onRetry=${list.reload} />
    ${list.data?.questions.length === 0 && html`<${Empty}>${status === 'open' ? '没有待回复的问题：助手都答上来了。' : '没有问题。'}</${Empty}>`}
    ${status === 'open'
      ? html`${pagedGroups.items.map((g) => html`<${QuestionCard} key=${g.map((x) => x.id).join(',')} group=${g} canToKnowledge=${me.role === 'admin'} onDone=${list.reload} />`)}
          <${Pager} page=${pagedGroups.page} total=${pagedGroups.total} size=${pagedGroups.size} onPage=${pagedGroups.setPage} />`
      : html`${!!pagedRows.items.length &&
          html`<table class="questions"><thead><tr><th>时间</th><th>来源</th><th>问题</th><th>${status === 'logged' ? '助手回复' : '答复'}</th><th>送达</th></tr></thead><tbody>
          ${pagedRows.items.map((q) => html`<tr data-question=${q.id}><td>${formatTime(q.createdAt)}</td><td>${origin(q)}</td><td>${q.question}</td><td class="answer">${q.answer ?? q.reply} <${Feedback} q=${q} /></td><td>${q.status === 'answered' ? html`<${FollowUpStatus} q=${q} />` : '—'}</td></tr>`)}
        </tbody></table>`}
          <${Pager} page=${pagedRows.page} total=${pagedRows.total} size=${pagedRows.size} onPage=${pagedRows.setPage} />`}
  `;
}
