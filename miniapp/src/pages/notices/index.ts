import { api } from '../../services/api';
import { config } from '../../config';

/**
 * 通知: the notices meant for this student — for everyone, or for the province they chose here
 * (a 上海 notice is not shown to a 山东 student). The province is kept on the server with their account.
 */
Component({
  data: {
    notices: [] as Array<{ id: number; title: string; date: string }>,
    empty: false,
    subscribed: false,
    provinces: [] as string[],
    province: '',
  },
  methods: {
    async onLoad() {
      await Promise.all([this.loadProvince(), this.loadNotices()]);
    },
    async loadNotices() {
      try {
        const { notices } = await api.notices();
        this.setData({ notices: notices.map((n) => ({ id: n.id, title: n.title, date: n.date ?? '' })), empty: !notices.length });
      } catch {
        /* toast shown */
      }
    },
    async loadProvince() {
      try {
        const [{ provinces }, profile] = await Promise.all([api.provinces(), api.profile().catch(() => ({ province: null }))]);
        this.setData({ provinces: provinces.map((p) => p.name), province: profile.province?.name ?? '' });
      } catch {
        /* toast shown */
      }
    },
    async onProvince(e: WechatMiniprogram.PickerChange) {
      const name = this.data.provinces[Number(e.detail.value)];
      if (!name) return;
      try {
        const res = await api.setProvince(name);
        this.setData({ province: res.province?.name ?? '' });
        await this.loadNotices();
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
