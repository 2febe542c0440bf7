import { api } from '../../services/api';
import { config } from '../../config';

type Mine = Array<{ id: number; question: string; answer: string | null; status: string }>;

Component({
  data: { question: '', answer: '', sources: [] as string[], asking: false, declined: false, mine: [] as Mine },
  methods: {
    onLoad() {
      this.loadMine();
    },
    onShow() {
      this.loadMine();
    },
    /** 我的提问: what this user asked, with staff answers once they arrive. */
    async loadMine() {
      try {
        const { questions } = await api.myQuestions();
        this.setData({ mine: questions.filter((q) => q.status !== 'done').map((q) => ({ id: q.id, question: q.question, answer: q.answer, status: q.status })) });
      } catch {
        /* not signed in yet: no list */
      }
    },
    onInput(e: WechatMiniprogram.Input) {
      this.setData({ question: e.detail.value });
    },
    async onAsk() {
      const text = this.data.question.trim();
      if (!text || this.data.asking) return;
      this.setData({ asking: true });
      try {
        const a = await api.ask(text);
        this.setData({ answer: a.text, declined: a.abstained, sources: a.sources.map((s) => `《${s.document}》${s.section ?? ''}`) });
        if (a.abstained) {
          this.askToBeNotified();
          await this.loadMine();
        }
      } catch {
        /* toast shown */
      } finally {
        this.setData({ asking: false });
      }
    },
    /** A declined question is answered by staff later: offer a subscribe message for that answer. */
    askToBeNotified() {
      const templateId = config.answerTemplateId;
      if (!templateId) return;
      wx.requestSubscribeMessage({
        tmplIds: [templateId],
        success: async (res: WechatMiniprogram.IAnyObject) => {
          if (res[templateId] === 'accept') await api.subscribe(templateId).catch(() => undefined);
        },
      });
    },
  },
});
