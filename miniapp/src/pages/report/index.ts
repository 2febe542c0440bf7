import { api } from '../../services/api';
import { RequestError, setToken } from '../../services/request';
import { LOAD_DATA, loadPage, shareOf } from '../../lib/page-state';
import { COUNT_INPUTS, STAGES, TEXT_INPUTS, emptyForm, validateReport, type ReportForm } from '../../lib/report-form';

/**
 * 进展: a verified college contact files the twice-monthly report; anyone else is asked for the
 * bind code once. Only the server's "not a contact" (403) shows the bind form — a network or
 * server failure shows the error state with 重试, never the bind form again.
 */
Component({
  data: {
    ...LOAD_DATA,
    verified: false,
    college: '',
    period: '',
    status: '',
    previous: '',
    stages: STAGES,
    countInputs: COUNT_INPUTS,
    textInputs: TEXT_INPUTS,
    form: emptyForm(),
    errors: {} as Record<string, string>,
    bindCode: '',
    binding: false,
    submitting: false,
    message: '',
  },
  methods: {
    onLoad() {
      return this.refresh();
    },
    onPullDownRefresh() {
      return this.refresh();
    },
    onRetry() {
      return this.refresh();
    },
    refresh() {
      return loadPage(this, async () => {
        let r;
        try {
          r = await api.currentReport();
        } catch (err) {
          if (err instanceof RequestError && err.status === 403) return { verified: false };
          throw err;
        }
        const report = r.current.report;
        const prev = r.previous;
        return {
          previous: prev.report
            ? `上期（${prev.period.id}）已报送${prev.report.late ? '（迟报）' : ''}`
            : `上期（${prev.period.id}）未报送；截止后5天内提交将记为上期迟报`,
          verified: true,
          college: r.college.name,
          period: `${r.current.period.id}（${r.current.period.month}月${r.current.period.dueDay}日前）`,
          status: report ? `本期已报送${report.late ? '（迟报）' : ''}，可修改后再次提交` : '本期尚未报送',
        };
      });
    },
    onBindInput(e: WechatMiniprogram.Input) {
      this.setData({ bindCode: e.detail.value });
    },
    async onBind() {
      const code = this.data.bindCode.trim();
      if (!code || this.data.binding) return;
      this.setData({ binding: true });
      try {
        const r = await api.bind(code);
        setToken(r.token);
        this.setData({ message: `已验证为${r.college.name}联系人` });
        await this.refresh();
      } catch {
        /* toast shown */
      } finally {
        this.setData({ binding: false });
      }
    },
    onField(e: WechatMiniprogram.Input) {
      const field = e.currentTarget.dataset.field as keyof ReportForm;
      this.setData({ [`form.${field}`]: e.detail.value });
    },
    onStage(e: WechatMiniprogram.PickerChange) {
      this.setData({ 'form.stage': STAGES[Number(e.detail.value)] ?? '' });
    },
    async onSubmit() {
      const { errors, body } = validateReport(this.data.form);
      this.setData({ errors });
      if (!body || this.data.submitting) return;
      this.setData({ submitting: true });
      try {
        const r = await api.submitReport(body);
        this.setData({ message: r.updated ? `已更新 ${r.period.id} 的报送` : `已提交 ${r.period.id} 的报送` });
        await this.refresh();
      } catch {
        /* toast shown; the form keeps what was typed */
      } finally {
        this.setData({ submitting: false });
      }
    },
    onShareAppMessage() {
      // A report is the college's own; forwarding opens the assistant's front page.
      return shareOf('1+X 证书考试、找人、问答', '/pages/exams/index');
    },
  },
});
