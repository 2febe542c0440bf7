import { api } from '../../services/api';
import { errorText, shareOf, stopPullDownRefresh } from '../../lib/page-state';
import { NOT_CONFIGURED, subscribe } from '../../lib/subscribe';

type Mine = Array<{ id: number; question: string; answer: string | null; status: string }>;

Component({
  data: {
    question: '',
    asked: '',
    answer: '',
    sources: [] as string[],
    asking: false,
    declined: false,
    declinedNote: '',
    askError: '',
    mine: [] as Mine,
    shownOnce: false,
  },
  methods: {
    onLoad() {
      return this.loadMine();
    },
    /** Back on the tab (a staff answer may have come): reload, but not on the first show right after onLoad. */
    onShow() {
      if (this.data.shownOnce) return this.loadMine();
      this.setData({ shownOnce: true });
    },
    async onPullDownRefresh() {
      await this.loadMine();
      stopPullDownRefresh();
    },
    /** 我的提问 still waiting or answered (the full list is under 我的). */
    async loadMine() {
      try {
        const { questions } = await api.myQuestions();
        this.setData({ mine: questions.filter((q) => q.status !== 'done').map((q) => ({ id: q.id, question: q.question, answer: q.answer, status: q.status })) });
      } catch {
        /* not signed in (WeChat login unavailable): asking still works, the list stays empty */
      }
    },
    onInput(e: WechatMiniprogram.Input) {
      this.setData({ question: e.detail.value });
    },
    onAsk() {
      return this.ask(this.data.question.trim());
    },
    /** 重试 after a failed question asks the same question again. */
    onRetry() {
      return this.ask(this.data.asked || this.data.question.trim());
    },
    async ask(text: string) {
      if (!text || this.data.asking) return;
      this.setData({ asking: true, asked: text, askError: '' });
      try {
        const a = await api.ask(text);
        this.setData({ answer: a.text, declined: a.abstained, declinedNote: '', sources: a.sources.map((s) => `${s.document.includes('《') ? s.document : `《${s.document}》`}${s.section ?? ''}`) });
        if (a.abstained) {
          await this.loadMine();
          const outcome = await subscribe('answer');
          if (outcome === 'unavailable') this.setData({ declinedNote: NOT_CONFIGURED.answer });
        }
      } catch (err) {
        this.setData({ answer: '', declined: false, askError: errorText(err) });
      } finally {
        this.setData({ asking: false });
      }
    },
    onShareAppMessage() {
      return shareOf('1+X 证书问题随时问', '/pages/ask/index');
    },
  },
});
