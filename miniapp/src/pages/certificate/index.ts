import { api } from '../../services/api';
import { LOAD_DATA, loadPage, shareOf, RELOADS } from '../../lib/page-state';

Component({
  data: { ...LOAD_DATA, name: '', levels: [] as any[], majors: [] as any[], source: '' },
  methods: {
    ...RELOADS,
    load() {
      return loadPage(this, async () => {
        const { certificate } = await api.certificate();
        return {
          name: certificate.name,
          levels: certificate.levels.map((l: any) => ({ ...l, areas: l.workAreas.map((a: any) => ({ area: a.area, tasks: a.tasks.join('、') })) })),
          majors: certificate.majorsBySchoolType.map((m: any) => ({ schoolType: m.schoolType, list: m.majors.join('、') })),
          source: certificate.source.document,
        };
      });
    },
    onShareAppMessage() {
      return shareOf(this.data.name || '证书介绍', '/pages/certificate/index');
    },
  },
});
