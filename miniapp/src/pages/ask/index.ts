import { api } from '../../services/api';

Component({
  data: { question: '', answer: '', sources: [] as string[], asking: false },
  methods: {
    onInput(e: WechatMiniprogram.Input) {
      this.setData({ question: e.detail.value });
    },
    async onAsk() {
      const text = this.data.question.trim();
      if (!text || this.data.asking) return;
      this.setData({ asking: true });
      try {
        const a = await api.ask(text);
        this.setData({ answer: a.text, sources: a.sources.map((s) => `《${s.document}》${s.section ?? ''}`) });
      } catch {
        /* toast shown */
      } finally {
        this.setData({ asking: false });
      }
    },
  },
});
