import { useEffect, useState } from 'preact/hooks';
import { api } from './api.js';

import type { Province, Region } from '../../api/contract.js';

/** GET /api/regions and /api/provinces send the shapes of api/contract.ts. */
export type { Province, Region };

/** Regions and provinces change rarely: loaded once per page load and shared by every page. */
let directory: Promise<{ regions: Region[]; provinces: Province[] }> | undefined;
function loadDirectory() {
  return (directory ??= Promise.all([api<{ regions: Region[] }>('/api/regions'), api<{ provinces: Province[] }>('/api/provinces')]).then(
    ([r, p]) => ({ regions: r.regions, provinces: p.provinces }),
    (err) => ((directory = undefined), Promise.reject(err)),
  ));
}

export function useDirectory() {
  const [data, setData] = useState<{ regions: Region[]; provinces: Province[] } | undefined>(undefined);
  useEffect(() => {
    loadDirectory().then(setData, () => {});
  }, []);
  const regionName = (code: string | null | undefined) => (code ? data?.regions.find((r) => r.code === code)?.name ?? code : '');
  const provinceName = (code: string | null | undefined) => (code ? data?.provinces.find((p) => p.code === code)?.name ?? code : '');
  return { regions: data?.regions ?? [], provinces: data?.provinces ?? [], regionName, provinceName, loaded: !!data };
}
