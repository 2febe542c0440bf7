import { api } from '../../services/api';
import { LOAD_DATA, loadPage, shareOf, RELOADS } from '../../lib/page-state';
import { NOT_CONFIGURED, subscribe } from '../../lib/subscribe';

/**
 * 通知: the notices meant for this student — for everyone, or for the province they chose here
 * (a 上海 notice is not shown to a 山东 student). The province is kept on the server with their account.
 */
Component({
  data: {
    ...LOAD_DATA,
    notices: [] as Array<{ id: number; title: string; date: string }>,
    empty: false,
    subscribed: false,
    subscribing: false,
    subscribeNote: '',
    provinces: [] as string[],
    province: '',
  },
  methods: {
    ...RELOADS,
    load() {
      return loadPage(this, async () => {
        const [{ provinces }, profile, { notices }] = await Promise.all([
          api.provinces(),
          // Without a session (WeChat login unavailable) the notices for everyone still show.
          api.profile().catch(() => ({ province: null })),
          api.notices(),
        ]);
        return {
          provinces: provinces.map((p) => p.name),
          province: profile.province?.name ?? '',
          notices: notices.map((n) => ({ id: n.id, title: n.title, date: n.date ?? '' })),
          empty: !notices.length,
        };
      });
    },
    async onProvince(e: WechatMiniprogram.PickerChange) {
      const name = this.data.provinces[Number(e.detail.value)];
      if (!name) return;
      try {
        const res = await api.setProvince(name);
        this.setData({ province: res.province?.name ?? '' });
        await this.load();
      } catch {
        /* toast shown */
      }
    },
    onOpen(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/pages/notice-detail/index?id=${e.currentTarget.dataset.id}` });
    },
    async onSubscribe() {
      if (this.data.subscribing) return;
      this.setData({ subscribing: true, subscribeNote: '' });
      const outcome = await subscribe('notice');
      this.setData({
        subscribing: false,
        subscribed: outcome === 'subscribed',
        subscribeNote:
          outcome === 'unavailable' ? NOT_CONFIGURED.notice : outcome === 'declined' ? '未开启提醒。需要时可再点一次。' : outcome === 'failed' ? '订阅没有成功，请检查网络后再试。' : '',
      });
    },
    onShareAppMessage() {
      return shareOf('最新通知', '/pages/notices/index');
    },
  },
});
