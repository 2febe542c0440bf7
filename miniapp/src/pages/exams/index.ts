import { api } from '../../services/api';
import { clock } from '../../lib/clock';
import { byYear, daysUntil, label, nextExam } from '../../lib/exams';

Component({
  data: {
    loading: true,
    next: null as null | { label: string; title: string; days: number },
    none: false,
    years: [] as Array<{ year: number; sessions: Array<{ label: string; past: boolean }> }>,
    channels: [] as Array<{ name: string; detail: string }>,
  },
  methods: {
    async onLoad() {
      try {
        const { exams, officialChannels } = await api.exams();
        const now = clock.now();
        const next = nextExam(exams, now);
        this.setData({
          loading: false,
          next: next ? { label: label(next), title: next.title ?? '全国统考', days: daysUntil(next, now) } : null,
          none: !next,
          years: byYear(exams, now),
          channels: officialChannels.map((c) => ({ name: c.name, detail: c.url ?? (c.wechat ? `微信号 ${c.wechat}` : '') })),
        });
      } catch {
        this.setData({ loading: false });
      }
    },
  },
});
