import type { ChatCommand, ChatCommandDeps, ChatCommandInput } from '../chat/commands.js';
import { ensureCollege, findCollege } from '../colleges/repository.js';
import { findProvince, regionOfProvince } from '../contacts/repository.js';
import { isChatStaff } from '../chat/identity.js';
import { redeemGroupBindCode } from '../miniapp/service.js';
import { getCollege, type College } from '../colleges/repository.js';
import { recordAudit } from '../audit/repository.js';
import { enqueueDeliveries } from '../delivery/outbox.js';
import { digestRoute } from '../reports/digest-delivery.js';
import { bindGroup, findGroup, groupsOfCollege, unbindGroup, type ChatGroup } from './repository.js';

/**
 * Group binding in chat:
 *   绑定 K7QH3MZP           — bind with a one-time group code issued in the console (账号与绑定码)
 *   绑定 山东 某某职业学院   — staff only: bind to a college (created when new) in that province
 *   绑定 某某职业学院        — staff only: the college is already known
 *   解除绑定 / 解绑          — unbind (the group's owner or staff)
 *   查看绑定                — show the binding
 * A bound group files the college's reports, so binding needs proof: a code from the console or
 * a sender who is staff (BOT_ADMIN_IDS, or a console account's WeChat id / WeCom user id). Being
 * a group's owner is not enough — anyone can create a group. A second group bound to the same
 * college alerts the region's 区域管家 through the outbox and shows on the dashboard.
 */
const BIND = /^(?:本群)?绑定(?:学校|院校)?[\s:：]*(.*)$/;
const UNBIND = /^(?:解除绑定|解绑|取消绑定)$/;
const SHOW = /^(?:查看绑定|绑定信息|本群绑定|当前绑定)$/;
const COLLEGE_NAME = /^[\u4e00-\u9fa5A-Za-z0-9（）()·]{2,60}$/;
/** The bind-code alphabet (api/miniapp/service.ts): no 0/O, 1/I. */
const GROUP_CODE = /^[A-HJ-NP-Z2-9]{8}$/i;

function groupKey(input: ChatCommandInput) {
  return { channel: input.channel, externalId: input.group?.externalId ?? input.from.id };
}

export const groupBindingCommand: ChatCommand = {
  matches: (text) => [SHOW, UNBIND, BIND].some((re) => re.test(text.trim())),
  run: bindingReply,
};

/** The reply to a message groupBindingCommand matched. */
async function bindingReply(services: ChatCommandDeps, input: ChatCommandInput): Promise<string> {
  const text = input.text.trim();
  if (SHOW.test(text)) {
    const g = await findGroup(services.db, groupKey(input).channel, groupKey(input).externalId);
    return g?.collegeName ? `本群已绑定：${g.collegeName}（${g.provinceName}）。` : '本群还没有绑定学校。群主可发送“绑定 省份 学校名称”，例如“绑定 山东 济南职业学院”。';
  }
  if (UNBIND.test(text)) {
    const admin = typeof input.isGroupAdmin === 'function' ? await input.isGroupAdmin() : input.isGroupAdmin;
    if (!admin) return '抱歉，只有群主或管理员可以解除绑定。';
    const done = await unbindGroup(services.db, groupKey(input).channel, groupKey(input).externalId);
    return done ? '已解除本群的学校绑定。' : '本群还没有绑定学校。';
  }
  const m = BIND.exec(text)!;
  const words = m[1]!.trim().split(/[\s,，、]+/).filter(Boolean);
  if (words.length === 1 && GROUP_CODE.test(words[0]!)) {
    const collegeId = await redeemGroupBindCode(services.db, words[0]!, services.clock());
    if (!collegeId) return '绑定码不正确、已用过或已过期，请向区域管家重新申请。';
    return bindTo(services, input, (await getCollege(services.db, collegeId))!);
  }
  if (!(await isChatStaff(services, { channel: input.channel, senderId: input.from.id }))) {
    return '为防止误绑，请向区域管家索取本校的一次性群绑定码（管理后台“账号与绑定码”），然后发送“绑定 绑定码”，例如“绑定 K7QH3MZP”。';
  }
  if (!words.length) return '请这样发送：绑定 省份 学校名称，例如“绑定 山东 济南职业学院”。';
  const province = words.length > 1 ? await findProvince(services.db, words[0]!) : undefined;
  const collegeName = (province ? words.slice(1) : words).join('');
  if (!COLLEGE_NAME.test(collegeName)) return '学校名称看起来不对，请发送：绑定 省份 学校名称。';
  if (words.length > 1 && !province) return `没有找到省份“${words[0]}”。目前覆盖全国31个省区（不含香港、澳门、台湾），请用省份全称或简称，例如“绑定 山东 ${collegeName}”。`;
  let college = await findCollege(services.db, collegeName);
  if (!college) {
    if (!province) return `还没有登记“${collegeName}”，请加上省份：绑定 山东 ${collegeName}`;
    college = await ensureCollege(services.db, collegeName, province.code);
  } else if (province && college.provinceCode !== province.code) {
    return `“${college.name}”已登记在其他省份，如需更正请联系管理员。`;
  }
  return bindTo(services, input, college);
}

async function bindTo(services: ChatCommandDeps, input: ChatCommandInput, college: College): Promise<string> {
  const bound = await bindGroup(services.db, { ...groupKey(input), name: input.group?.name ?? null, collegeId: college.id, boundBy: input.from.id });
  await recordAudit(services.db, { actor: `${input.channel}:${input.from.id}`, action: 'group.bind', entity: 'group', entityId: bound.id, after: bound });
  const others = (await groupsOfCollege(services.db, college.id)).filter((g) => g.id !== bound.id);
  if (others.length) await alertSecondGroup(services, bound, others);
  return `绑定成功：本群已绑定 ${bound.collegeName}（${bound.provinceName}）。以后在本群提问“考试找谁”等，会按${bound.provinceName}回答。`;
}

/** Tell the region's 区域管家 that a college now has more than one group (its reports can come from either). */
async function alertSecondGroup(services: ChatCommandDeps, bound: ChatGroup, others: ChatGroup[]): Promise<void> {
  const regionCode = await regionOfProvince(services.db, bound.provinceCode);
  if (!regionCode) return;
  const route = await digestRoute(services.db, regionCode, services.config.DIGEST_CHANNEL);
  const text = `【绑定提醒】${bound.collegeName}（${bound.provinceName}）又绑定了一个群“${bound.name ?? bound.externalId}”，该校现有 ${others.length + 1} 个群可报送进展。如非本校所为，请在管理后台解除绑定。`;
  await enqueueDeliveries(
    services.db,
    route.deliveries.map((d) => ({ job: `alert:group-bind:${bound.id}:${bound.collegeId}`, channel: d.channel, destination: d.destination, payload: { text } })),
  );
  services.log.warn({ collegeId: bound.collegeId, groupId: bound.id, groups: others.length + 1 }, 'a second group was bound to a college');
}
