import { api } from '../../services/api';

Component({
  data: { loading: true, name: '', levels: [] as any[], majors: [] as any[], source: '' },
  methods: {
    async onLoad() {
      try {
        const { certificate } = await api.certificate();
        this.setData({
          loading: false,
          name: certificate.name,
          levels: certificate.levels.map((l: any) => ({ ...l, areas: l.workAreas.map((a: any) => ({ area: a.area, tasks: a.tasks.join('、') })) })),
          majors: certificate.majorsBySchoolType.map((m: any) => ({ schoolType: m.schoolType, list: m.majors.join('、') })),
          source: certificate.source.document,
        });
      } catch {
        this.setData({ loading: false });
      }
    },
  },
});
