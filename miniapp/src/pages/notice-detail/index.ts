import { api } from '../../services/api';
import { LOAD_DATA, loadPage, shareOf, RELOADS } from '../../lib/page-state';

Component({
  data: { ...LOAD_DATA, id: 0, title: '', body: '', date: '' },
  methods: {
    ...RELOADS,
    onLoad(query: Record<string, string>) {
      this.setData({ id: Number(query?.id) || 0 });
      return this.load();
    },
    load() {
      return loadPage(this, async () => {
        const { notice } = await api.notice(this.data.id);
        return { title: notice.title, body: notice.body, date: notice.date ?? '' };
      });
    },
    onShareAppMessage() {
      return shareOf(this.data.title || '通知', `/pages/notice-detail/index?id=${this.data.id}`);
    },
  },
});
