import { api } from '../services/api';

/**
 * Subscribe messages: the template ids live in one place, the server's settings
 * (MINIAPP_NOTICE_TEMPLATE_ID, MINIAPP_ANSWER_TEMPLATE_ID), read through GET /api/miniapp/settings.
 */
export type SubscribeKind = 'notice' | 'answer';

export type SubscribeOutcome = 'subscribed' | 'declined' | 'unavailable' | 'failed';

export const NOT_CONFIGURED: Record<SubscribeKind, string> = {
  notice: '通知提醒暂未开通（管理员尚未配置订阅消息模板）。新通知会显示在本页，请下拉刷新查看。',
  answer: '答复提醒暂未开通（管理员尚未配置订阅消息模板）。工作人员答复后会显示在“我的 › 我的提问”中。',
};

export async function templateIdFor(kind: SubscribeKind): Promise<string> {
  const settings = await api.settings();
  return (kind === 'notice' ? settings.noticeTemplateId : settings.answerTemplateId) || '';
}

/** Ask the user for one subscribe message of this kind and record an accepted one with the API. */
export async function subscribe(kind: SubscribeKind): Promise<SubscribeOutcome> {
  let templateId: string;
  try {
    templateId = await templateIdFor(kind);
  } catch {
    return 'failed';
  }
  if (!templateId) return 'unavailable';
  const accepted = await new Promise<boolean>((resolve) => {
    wx.requestSubscribeMessage({
      tmplIds: [templateId],
      success: (res: WechatMiniprogram.IAnyObject) => resolve(res[templateId] === 'accept'),
      fail: () => resolve(false),
    });
  });
  if (!accepted) return 'declined';
  try {
    await api.subscribe(templateId);
    return 'subscribed';
  } catch {
    return 'failed';
  }
}
