import { api } from '../../services/api';
import { clock } from '../../lib/clock';
import { byYear, daysUntil, label, nextExam } from '../../lib/exams';
import { LOAD_DATA, loadPage, shareOf, RELOADS } from '../../lib/page-state';

Component({
  data: {
    ...LOAD_DATA,
    next: null as null | { label: string; title: string; days: number },
    none: false,
    years: [] as Array<{ year: number; sessions: Array<{ label: string; past: boolean }> }>,
    channels: [] as Array<{ name: string; detail: string }>,
  },
  methods: {
    ...RELOADS,
    load() {
      return loadPage(this, async () => {
        const { exams, officialChannels } = await api.exams();
        const now = clock.now();
        const next = nextExam(exams, now);
        return {
          next: next ? { label: label(next), title: next.title ?? '全国统考', days: daysUntil(next, now) } : null,
          none: !next,
          years: byYear(exams, now),
          channels: officialChannels.map((c) => ({ name: c.name, detail: c.url ?? (c.wechat ? `微信号 ${c.wechat}` : '') })),
        };
      });
    },
    onCertificate() {
      wx.navigateTo({ url: '/pages/certificate/index' });
    },
    onShareAppMessage() {
      return shareOf(this.data.next ? `下一次考试 ${this.data.next.label}` : '考试安排', '/pages/exams/index');
    },
  },
});
