import type { ChatCommand } from '../chat/commands.js';
import { findGroup } from '../groups/repository.js';
import { conversationKey } from '../chat/identity.js';
import { isReportMessage, parseReport } from './parse.js';
import { reportExample } from './fields.js';
import { reportSummary, submitReport } from './service.js';

/** `进展：…` in a group bound to a college files (or corrects) this period's report. */
export const reportCommand: ChatCommand = {
  matches: isReportMessage,
  run: async (services, input) => {
    const group = await findGroup(services.db, input.channel, conversationKey(input));
    if (!group?.collegeId) return '本群还没有绑定学校，暂时无法报送。请群主先发送“绑定 省份 学校名称”，再发送“进展：……”。';
    const parsed = parseReport(input.text);
    if (!parsed.progress || parsed.progress.length < 2) return `请在“进展：”后面写上本期进展，例如“${reportExample()}”。`;
    const { report, updated, period } = await submitReport(services, {
      collegeId: group.collegeId,
      channel: 'chat',
      submittedBy: `${input.channel}:${input.from.id}`,
      ...parsed,
    });
    return reportSummary(report, period, updated);
  },
};
