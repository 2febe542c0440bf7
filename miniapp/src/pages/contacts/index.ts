import { api } from '../../services/api';
import { RequestError } from '../../services/request';
import { contactCards } from '../../lib/contacts';
import { LOAD_DATA, errorText, loadPage, shareOf, RELOADS } from '../../lib/page-state';

Component({
  data: {
    ...LOAD_DATA,
    provinces: [] as Array<{ code: string; name: string }>,
    query: '',
    place: '',
    cards: [] as Array<{ name: string; phone: string | null; role: string; duties: string }>,
    error: '',
    /** The failed search was the network's or the server's fault: offer 重试. */
    retryable: false,
    lastQuery: '',
    searching: false,
  },
  methods: {
    ...RELOADS,
    load() {
      return loadPage(this, async () => ({ provinces: (await api.provinces()).provinces }));
    },
    onInput(e: WechatMiniprogram.Input) {
      this.setData({ query: e.detail.value });
    },
    onPickProvince(e: WechatMiniprogram.PickerChange) {
      const p = this.data.provinces[Number(e.detail.value)];
      if (p) this.search(p.name);
    },
    onSearch() {
      return this.search(this.data.query);
    },
    async search(q: string) {
      const text = q.trim();
      if (!text || this.data.searching) return;
      this.setData({ searching: true, lastQuery: text });
      try {
        const r = await api.lookup(text);
        this.setData({ place: `${r.province.name}（${r.region.name}）`, cards: contactCards(r), error: '', retryable: false });
      } catch (err) {
        const retryable = !(err instanceof RequestError) || err.status === 0 || err.status >= 500;
        this.setData({ cards: [], place: '', error: errorText(err), retryable });
      } finally {
        this.setData({ searching: false });
      }
    },
    onSearchRetry() {
      return this.search(this.data.lastQuery);
    },
    onCall(e: WechatMiniprogram.TouchEvent) {
      const phone = e.currentTarget.dataset.phone as string;
      if (phone) wx.makePhoneCall({ phoneNumber: phone });
    },
    onShareAppMessage() {
      return shareOf(this.data.place ? `${this.data.place}找谁` : '1+X 工作找谁', '/pages/contacts/index');
    },
  },
});
