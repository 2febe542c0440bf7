import { api } from '../../services/api';

Component({
  data: { title: '', body: '', date: '' },
  methods: {
    async onLoad(query: Record<string, string>) {
      try {
        const { notice } = await api.notice(Number(query.id));
        this.setData({ title: notice.title, body: notice.body, date: notice.date ?? '' });
      } catch {
        /* toast shown */
      }
    },
  },
});
