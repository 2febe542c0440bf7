import type { ProvinceContacts, PublicContact } from '../../../api/contract';

/** Shape the lookup answer into cards for the 找人 page: who, what they handle, their phone. */
export type Person = Pick<PublicContact, 'name' | 'phone'>;

/** GET /api/miniapp/lookup (api/contract.ts), as far as the page reads it. */
export interface LookupResult {
  province: Pick<ProvinceContacts['province'], 'name'>;
  region: Pick<ProvinceContacts['region'], 'name'>;
  leads: Person[];
  managers: Person[];
}

export const MANAGER_DUTIES = '师资培训、教学资源、考试组织、证书核发、协议签订及考核费用';
export const LEAD_DUTIES = '1+X延伸的校企合作项目';

export function contactCards(r: LookupResult) {
  return [
    ...r.managers.map((p) => ({ name: p.name, phone: p.phone, role: `${r.region.name}区域管家`, duties: MANAGER_DUTIES })),
    ...r.leads.map((p) => ({ name: p.name, phone: p.phone, role: `${r.province.name}省区负责人`, duties: LEAD_DUTIES })),
  ];
}
