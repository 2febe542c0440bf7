import { api } from '../../services/api';
import { setToken } from '../../services/request';
import { STAGES, validateReport, type ReportForm } from '../../lib/report-form';

const EMPTY: ReportForm = { stage: '', progress: '', studentsTrained: '', studentsRegistered: '', studentsPassed: '', teachersTrained: '', problems: '' };

Component({
  data: {
    verified: false,
    college: '',
    period: '',
    status: '',
    previous: '',
    stages: STAGES,
    form: { ...EMPTY },
    errors: {} as Record<string, string>,
    bindCode: '',
    message: '',
  },
  methods: {
    async onLoad() {
      await this.refresh();
    },
    async refresh() {
      try {
        const r = await api.currentReport();
        const report = r.current.report;
        const prev = r.previous;
        this.setData({
          previous: prev.report
            ? `上期（${prev.period.id}）已报送${prev.report.late ? '（迟报）' : ''}`
            : `上期（${prev.period.id}）未报送；截止后5天内提交将记为上期迟报`,
          verified: true,
          college: r.college.name,
          period: `${r.current.period.id}（${r.current.period.month}月${r.current.period.dueDay}日前）`,
          status: report ? `本期已报送${report.late ? '（迟报）' : ''}，可修改后再次提交` : '本期尚未报送',
        });
      } catch {
        this.setData({ verified: false });
      }
    },
    onBindInput(e: WechatMiniprogram.Input) {
      this.setData({ bindCode: e.detail.value });
    },
    async onBind() {
      try {
        const r = await api.bind(this.data.bindCode.trim());
        setToken(r.token);
        this.setData({ message: `已验证为${r.college.name}联系人` });
        await this.refresh();
      } catch {
        /* toast shown */
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
      if (!body) return;
      try {
        const r = await api.submitReport(body);
        this.setData({ message: r.updated ? `已更新 ${r.period.id} 的报送` : `已提交 ${r.period.id} 的报送` });
        await this.refresh();
      } catch {
        /* toast shown */
      }
    },
  },
});
