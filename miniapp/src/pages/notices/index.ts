import { api } from '../../services/api';
import { config } from '../../config';

Component({
  data: { notices: [] as Array<{ id: number; title: string; date: string }>, empty: false, subscribed: false },
  methods: {
    async onLoad() {
      try {
        const { notices } = await api.notices();
        this.setData({ notices: notices.map((n) => ({ id: n.id, title: n.title, date: (n.publishedAt ?? '').slice(0, 10) })), empty: !notices.length });
      } catch {
        /* toast shown */
      }
    },
    onOpen(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/pages/notice-detail/index?id=${e.currentTarget.dataset.id}` });
    },
    onSubscribe() {
      const templateId = config.noticeTemplateId;
      if (!templateId) return;
      wx.requestSubscribeMessage({
        tmplIds: [templateId],
        success: async (res: WechatMiniprogram.IAnyObject) => {
          if (res[templateId] === 'accept') {
            await api.subscribe(templateId);
            this.setData({ subscribed: true });
          }
        },
      });
    },
  },
});
