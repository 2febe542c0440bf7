import { PERMANENT_ERRCODES } from '../../api/http/tencent-api.js';

/** Every code the API returns, as operators read it (one place for the whole console). */

export const ROLE: Record<string, string> = { admin: '管理员', region_manager: '区域管家', province_lead: '省区负责人', college_contact: '院校联系人' };

/** Where a question came from (questions.channel). */
export const ASK_CHANNEL: Record<string, string> = {
  wechaty: '微信',
  wecom: '企业微信',
  wecom_aibot: '企业微信智能机器人',
  wecom_robot: '企业微信群机器人',
  miniapp: '小程序',
  api: '网页接口',
  admin: '后台问答测试',
  cli: '命令行',
};

/** How a message is sent (deliveries.channel). */
export const DELIVERY_CHANNEL: Record<string, string> = {
  wechaty_room: '微信群',
  wechaty_contact: '微信私聊',
  wecom_robot: '企业微信群机器人',
  wecom_app: '企业微信应用消息',
  wecom_aibot: '企业微信智能机器人',
  miniapp_subscribe: '小程序订阅消息',
};

/** A group's channel (groups.channel). */
export const GROUP_CHANNEL: Record<string, string> = { wechaty: '微信群', wecom: '企业微信成员', wecom_robot: '企业微信群机器人', wecom_aibot: '企业微信智能机器人群' };

export const DELIVERY_STATUS: Record<string, string> = { queued: '排队中', sending: '发送中', sent: '已送达', failed: '失败', unknown: '结果未知' };
export const NOTICE_STATUS: Record<string, string> = { draft: '草稿', scheduled: '定时', published: '已发布', withdrawn: '已撤回' };
export const QUESTION_STATUS: Record<string, string> = { open: '待回复', answered: '已答复', handled: '已处理', logged: '自动回答' };

export const INTENT: Record<string, string> = {
  contact_lookup: '查联系人',
  region_info: '区域信息',
  exam_schedule: '考试安排',
  certificate_info: '证书查询',
  policy: '政策与规定',
  reporting: '进展报送',
  notices: '通知',
  help: '使用帮助',
  greeting: '问候',
  uncovered_region: '未覆盖地区',
  unanswered: '待人工解答',
  out_of_scope: '超出范围',
};

export const label = (map: Record<string, string>, code: string | null | undefined): string => (code ? map[code] ?? code : '—');

/** Source files of the knowledge base and their document titles (filled from the API once signed in). */
const DOCUMENT_TITLES = new Map<string, string>();
export function setDocumentTitles(docs: Array<{ file: string | null; title: string }>) {
  for (const d of docs) if (d.file) DOCUMENT_TITLES.set(d.file, d.title);
}

function cleanTitle(raw: string): string {
  const known = DOCUMENT_TITLES.get(raw.trim());
  if (known) return known;
  let s = raw.trim();
  if (/[\\/]|\.(txt|md|docx)$/i.test(s)) {
    s = (s.split(/[\\/]/).pop() ?? s).replace(/\.(txt|md|docx|json|csv)$/i, '').replace(/^\d{2,}[_\-\s]*/, '');
    if (/^[0-9a-f]{8,}$/i.test(s) || !s) return '项目资料';
  }
  return s;
}

/**
 * A knowledge source as people read it: `seeds/000_….txt · 某节 · 序号1` → 《文档标题》某节 · 序号1,
 * with book-title marks exactly once (never 《《…》》).
 */
export function documentTitle(source: string | null | undefined): string {
  if (!source) return '';
  const [file, ...rest] = source.split(/\s+·\s+/);
  const title = bookTitle(file!);
  return rest.length ? `${title} ${rest.join(' · ')}` : title;
}

/** A document title in book-title marks, exactly once. */
export function bookTitle(source: string | null | undefined): string {
  if (!source) return '';
  let t = cleanTitle(source);
  // strip wrapping marks (《《x》》 → x) but keep marks inside a title (博导股份《…方案》)
  while (/^《[^《》]*》$/.test(t) || /^《《.*》》$/.test(t)) t = t.slice(1, -1);
  return t.includes('《') ? t : `《${t}》`;
}

/** WeCom / WeChat error codes as an operator can act on them. */
const WECOM_ERRORS: Record<string, string> = {
  '40003': '企业微信账号（userid）不存在',
  '40014': '企业微信凭据无效（access_token 无效）',
  '42001': '企业微信凭据已过期，将自动刷新',
  '45009': '企业微信接口调用过于频繁，稍后自动重试',
  '60020': '服务器 IP 不在企业微信可信 IP 列表中',
  '81013': '接收人不在应用可见范围内或已离职（请在企业微信后台检查应用可见范围）',
  '93000': '群机器人 webhook 地址无效（机器人可能已被移出群）',
  '93004': '群机器人已被禁用或移出群',
  '45033': '企业微信接口并发过多，稍后自动重试',
  '41001': '缺少企业微信 access_token（请检查 CorpID 与 Secret）',
  '40001': '企业微信 Secret 不正确',
};

/** Errors the outbox does not retry by itself: the API's own list. */
const PERMANENT = new Set([...PERMANENT_ERRCODES].map(String));

/** A delivery's last error in Chinese; the original stays in the tooltip. */
export function deliveryError(raw: string | null | undefined): string {
  if (!raw) return '';
  const code = /(?:errcode[\s:=]*|错误码[\s:：]*)(\d{4,6})/i.exec(raw)?.[1];
  if (code && WECOM_ERRORS[code]) return `${WECOM_ERRORS[code]}（错误码 ${code}）${PERMANENT.has(code) ? '；不会自动重试，处理后点“重试”' : ''}`;
  if (/not configured/i.test(raw)) return '企业微信应用未配置（WECOM_CORP_ID / WECOM_SECRET），无法发送';
  if (/timeout|timed out|ETIMEDOUT/i.test(raw)) return '连接超时，将自动重试';
  if (/ECONNREFUSED|ENOTFOUND|fetch failed|network/i.test(raw)) return '网络连接失败，将自动重试';
  if (/no sender|not connected|offline/i.test(raw)) return '该渠道当前未连接，无法发送';
  if (/^[\x00-\x7f]*$/.test(raw)) return `发送失败：${raw}`;
  return raw;
}

/** Who a delivery went to, without raw ids where a name exists. */
export function recipient(d: { channel: string; destination: string; groupName?: string | null; recipientName?: string | null }): string {
  if (d.groupName) return d.groupName;
  if (d.recipientName) return d.recipientName;
  if (d.channel === 'miniapp_subscribe') return '小程序订阅用户';
  if (d.channel === 'wecom_app') return `企业微信成员 ${d.destination}`;
  if (d.channel === 'wechaty_contact') return `微信联系人 ${d.destination}`;
  if (d.channel === 'wecom_robot') return '企业微信群机器人';
  return d.destination;
}

/** UTF-8 length, the unit WeCom counts its 2,048-byte text limit in. */
export const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;
export const WECOM_TEXT_MAX_BYTES = 2048;

/** What a delivery carried, from its job key (reminder-d3:2026-11-a, digest-after:…, wecom-reply:…). */
export function deliveryContent(d: { noticeTitle?: string | null; questionText?: string | null; job?: string | null }): string {
  if (d.noticeTitle) return `通知：${d.noticeTitle}`;
  if (d.questionText) return `答复：${d.questionText}`;
  const job = d.job ?? '';
  if (job.startsWith('reminder')) return '报送提醒';
  if (job.startsWith('digest-test') || job.startsWith('test')) return '测试摘要';
  if (job.startsWith('digest')) return '区域摘要';
  if (job.startsWith('wecom-reply')) return '企业微信回复';
  if (job.startsWith('alert:group-bind')) return '群绑定提醒';
  return job ? '系统消息' : '—';
}
