import type { ChatCommand, ChatCommandInput } from '../chat/commands.js';
import { ensureCollege, findCollege } from '../colleges/repository.js';
import { findProvince } from '../contacts/repository.js';
import type { Services } from '../services.js';
import { bindGroup, findGroup, unbindGroup } from './repository.js';

/**
 * Group binding in chat:
 *   绑定 山东 某某职业学院   — bind this group to a college (created when new) in that province
 *   绑定 某某职业学院        — the college is already known
 *   解除绑定 / 解绑          — unbind
 *   查看绑定                — show the binding
 * Only a group administrator may bind or unbind: the channel decides who that is
 * (wechaty: the room owner, BOT_ADMIN_IDS, or a console account's WeChat id).
 */
const BIND = /^(?:本群)?绑定(?:学校|院校)?[\s:：]*(.*)$/;
const UNBIND = /^(?:解除绑定|解绑|取消绑定)$/;
const SHOW = /^(?:查看绑定|绑定信息|本群绑定|当前绑定)$/;
const COLLEGE_NAME = /^[\u4e00-\u9fa5A-Za-z0-9（）()·]{2,60}$/;

function groupKey(input: ChatCommandInput) {
  return { channel: input.channel, externalId: input.group?.externalId ?? input.from.id };
}

export const groupBindingCommand: ChatCommand = async (services: Services, input) => {
  const text = input.text.trim();
  if (SHOW.test(text)) {
    const g = await findGroup(services.db, groupKey(input).channel, groupKey(input).externalId);
    return g?.collegeName ? `本群已绑定：${g.collegeName}（${g.provinceName}）。` : '本群还没有绑定学校。群主可发送“绑定 省份 学校名称”，例如“绑定 山东 济南职业学院”。';
  }
  if (UNBIND.test(text)) {
    if (!input.isGroupAdmin) return '抱歉，只有群主或管理员可以解除绑定。';
    const done = await unbindGroup(services.db, groupKey(input).channel, groupKey(input).externalId);
    return done ? '已解除本群的学校绑定。' : '本群还没有绑定学校。';
  }
  const m = BIND.exec(text);
  if (!m) return undefined;
  if (!input.isGroupAdmin) return '抱歉，只有群主或管理员可以绑定学校。';
  const words = m[1]!.trim().split(/[\s,，、]+/).filter(Boolean);
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
  const bound = await bindGroup(services.db, { ...groupKey(input), name: input.group?.name ?? null, collegeId: college.id, boundBy: input.from.id });
  await services.assistant.reload(); // a new college name is now recognised in questions
  return `绑定成功：本群已绑定 ${bound.collegeName}（${bound.provinceName}）。以后在本群提问“考试找谁”等，会按${bound.provinceName}回答。`;
};
