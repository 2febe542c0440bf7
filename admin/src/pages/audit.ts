import type { AuditEntry } from '../../../api/audit/repository.js';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { html, useLoad, Status, formatTime, usePaged, Pager, Empty } from '../ui.js';

/** Actions as people read them. */
const ACTIONS: Record<string, string> = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'account.create': '新建账号',
  'account.password': '修改密码',
  'account.disable': '停用账号',
  'account.enable': '启用账号',
  'account.delete': '删除账号',
  'bind_code.revoke': '作废绑定码',
  'contact.create': '新增联系人',
  'contact.update': '修改联系人',
  'contact.archive': '删除联系人',
  'college.create': '新增院校',
  'exam.create': '新增考试安排',
  'exam.archive': '删除考试安排',
  'knowledge.create': '新增知识',
  'knowledge.update': '修改知识',
  'knowledge.archive': '删除知识',
  'knowledge.upload': '上传文档',
  'question.answer': '答复问题',
  'question.handled': '标记已处理',
  'notice.create': '发布通知',
  'notice.withdraw': '撤回通知',
  'delivery.retry': '重试投递',
  'report.create': '代报进展',
  'report.update': '修改进展',
  'bind_code.issue': '生成绑定码',
  'group.bind': '绑定群',
  'group.unbind': '解除群绑定',
  'region.webhook': '修改区域机器人',
  'notice.publish': '发布草稿通知',
  'digest.test': '发送测试摘要',
  'group.relink': '重新关联群',
  'channel.test': '渠道测试消息',
};

const ENTITY: Record<string, string> = {
  account: '账号', contact: '联系人', college: '院校', exam: '考试安排', knowledge: '知识', question: '问题', notice: '通知', delivery: '投递',
  report: '进展', bind_code: '绑定码', group: '群', region: '区域', channel: '渠道', digest: '摘要', session: '登录',
};

/** Before/after as compact JSON, with times in local time rather than ISO UTC. */
const compact = (v: unknown) =>
  v === null || v === undefined ? '' : JSON.stringify(v, (_k, val) => (typeof val === 'string' && /^\d{4}-\d\d-\d\dT/.test(val) ? formatTime(val) : val)).slice(0, 300);

/** 审计日志: every console change and sign-in, newest first (admins only). */
export function AuditPage() {
  const [action, setAction] = useState('');
  const log = useLoad(() => api<{ entries: AuditEntry[] }>(`/api/admin/audit${action ? '?action=' + encodeURIComponent(action) : ''}`), [action]);
  const paged = usePaged(log.data?.entries, 30, action);
  return html`
    <p class="muted">控制台里的每一次修改（谁、何时、改了什么、改前改后）和每一次登录，最新的在前。</p>
    <div class="row">
      <select value=${action} onChange=${(e: any) => setAction(e.target.value)} aria-label="操作">
        <option value="">全部操作</option>${Object.entries(ACTIONS).map(([k, label]) => html`<option value=${k}>${label}</option>`)}
      </select>
    </div>
    <${Status} loading=${log.loading} error=${log.error} onRetry=${log.reload} />
    ${log.data && !log.data.entries.length && html`<${Empty}>没有记录。</${Empty}>`}
    <div class="table-wrap"><table class="audit-log">
      <thead><tr><th>时间</th><th>操作人</th><th>操作</th><th>对象</th><th>改前</th><th>改后</th><th>IP</th></tr></thead>
      <tbody>${paged.items.map(
        (e) => html`<tr><td>${formatTime(e.at)}</td><td>${e.actor}</td><td>${ACTIONS[e.action] ?? e.action}</td>
          <td>${ENTITY[e.entity] ?? e.entity}${e.entityId ? ' #' + e.entityId : ''}</td><td class="json">${compact(e.before)}</td><td class="json">${compact(e.after)}</td><td>${e.ip ?? ''}</td></tr>`,
      )}</tbody>
    </table></div>
    <${Pager} page=${paged.page} total=${paged.total} size=${paged.size} onPage=${paged.setPage} />`;
}
