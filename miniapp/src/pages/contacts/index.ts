import { api } from '../../services/api';
import { contactCards } from '../../lib/contacts';

Component({
  data: {
    provinces: [] as Array<{ code: string; name: string }>,
    query: '',
    place: '',
    cards: [] as Array<{ name: string; phone: string | null; role: string; duties: string }>,
    error: '',
  },
  methods: {
    async onLoad() {
      try {
        this.setData({ provinces: (await api.provinces()).provinces });
      } catch {
        /* the toast already told the user */
      }
    },
    onInput(e: WechatMiniprogram.Input) {
      this.setData({ query: e.detail.value });
    },
    onPickProvince(e: WechatMiniprogram.PickerChange) {
      const p = this.data.provinces[Number(e.detail.value)];
      if (p) this.search(p.name);
    },
    onSearch() {
      this.search(this.data.query);
    },
    async search(q: string) {
      const text = q.trim();
      if (!text) return;
      try {
        const r = await api.lookup(text);
        this.setData({ place: `${r.province.name}（${r.region.name}）`, cards: contactCards(r), error: '' });
      } catch (err) {
        this.setData({ cards: [], place: '', error: (err as Error).message });
      }
    },
    onCall(e: WechatMiniprogram.TouchEvent) {
      const phone = e.currentTarget.dataset.phone as string;
      if (phone) wx.makePhoneCall({ phoneNumber: phone });
    },
  },
});
