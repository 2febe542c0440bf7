import { api, type MyQuestion } from '../../services/api';
import { RequestError } from '../../services/request';
import { LOAD_DATA, loadPage, shareOf, RELOADS } from '../../lib/page-state';
import { localDate } from '../../lib/clock';

/** The date a question was asked (the mini-program's one local date, lib/clock). */
function beijingDate(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '' : localDate(new Date(t));
}

const STATUS: Record<MyQuestion['status'], string> = { waiting: '等待答复', answered: '已答复', done: '已处理' };

/** 我的: the college contact's 进展 (reached from here) and the user's questions with staff answers. */
Component({
  data: {
    ...LOAD_DATA,
    contact: false,
    reportLine: '',
    questions: [] as Array<{ id: number; question: string; answer: string | null; status: string; statusText: string; date: string }>,
  },
  methods: {
    ...RELOADS,
    onShow() {
      // Back from 进展 or 问答: what changed there shows here.
      if (this.data.state === 'ready') return this.load();
    },
    load() {
      return loadPage(this, async () => {
        const [report, { questions }] = await Promise.all([
          api.currentReport().catch((err) => {
            if (err instanceof RequestError && err.status === 403) return null; // not a college contact
            throw err;
          }),
          api.myQuestions(),
        ]);
        return {
          contact: !!report,
          reportLine: report
            ? `${report.college.name} · ${report.current.period.id}${report.current.report ? ' 已报送' : ' 尚未报送'}`
            : '院校联系人：用区域管家发的绑定码验证后报送进展',
          questions: questions.map((q) => ({ id: q.id, question: q.question, answer: q.answer, status: q.status, statusText: STATUS[q.status] ?? '', date: beijingDate(q.createdAt) })),
        };
      });
    },
    onReport() {
      wx.navigateTo({ url: '/pages/report/index' });
    },
    onCertificate() {
      wx.navigateTo({ url: '/pages/certificate/index' });
    },
    onAsk() {
      wx.switchTab({ url: '/pages/ask/index' });
    },
    onShareAppMessage() {
      return shareOf('1+X 证书考试、找人、问答', '/pages/exams/index');
    },
  },
});
