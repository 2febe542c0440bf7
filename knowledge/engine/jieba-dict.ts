import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * jieba's default dictionary without its rarest words. All 349,000 entries cost ~37 MB of native
 * memory, plus the 6 MB IDF table that jieba's dict module also reads and the engine never uses.
 * The 80,000 words seen at least MIN_WORD_FREQ times in jieba's corpus cost ~6 MB; the domain
 * words come from knowledge/data/dictionary.txt and the thesaurus anyway. Measured on the tuning
 * sets with the document model refitted: 409 right and 14 confident wrong answers of 439, against
 * 411 and 14 with the whole dictionary.
 */
export const MIN_WORD_FREQ = 20;

const require = createRequire(import.meta.url);
// beside the knowledge modules, not among the engine's: the engine's files are hashed into the
// key of its kept parts (api/assistant/engine-cache.ts), and this one follows from jieba's version
// and this module's code, which are
const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PREFIX = 'jieba-common-';

/**
 * The file the build writes beside the compiled knowledge modules (dist/knowledge/): the kept lines,
 * named by what they were cut from (jieba's version, its dict.txt's size, MIN_WORD_FREQ), so a
 * new jieba or another threshold never reads an old cut. Reading it (1.1 MB) instead of cutting
 * the 5 MB dict.txt was ~60 ms less per start here. None beside the TypeScript sources: there
 * (tests, `npm run dev`) the dictionary is cut at start-up.
 */
export function commonWordsFile(dict = require.resolve('@node-rs/jieba/dict.txt')): string {
  const version = (JSON.parse(readFileSync(path.join(path.dirname(dict), 'package.json'), 'utf8')) as { version: string }).version;
  return path.join(DIR, `${PREFIX}${version}-${statSync(dict).size}-${MIN_WORD_FREQ}.txt`);
}

/** The common words of jieba's dict.txt, in its line format ("word frequency tag"). */
export function commonWords(): Buffer {
  const dict = require.resolve('@node-rs/jieba/dict.txt');
  try {
    return readFileSync(commonWordsFile(dict));
  } catch {
    return cutCommonWords(readFileSync(dict));
  }
}

/** Writes the file commonWords reads (the build), removing older ones; returns its path. */
export function writeCommonWords(): string {
  const dict = require.resolve('@node-rs/jieba/dict.txt');
  const file = commonWordsFile(dict);
  for (const name of readdirSync(DIR)) if (name.startsWith(PREFIX) && name.endsWith('.txt') && path.join(DIR, name) !== file) rmSync(path.join(DIR, name), { force: true });
  if (!existsSync(file)) {
    // whole or not at all, and builds running at once (test workers) each write their own copy
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, cutCommonWords(readFileSync(dict)));
    try {
      renameSync(tmp, file);
    } catch (err) {
      if (!existsSync(file)) throw err;
    }
  }
  return file;
}

/**
 * The kept lines of jieba's dict.txt, cut from the file's bytes: splitting its 349,000 lines
 * into strings made ~25 MB of garbage at start-up, the process's peak.
 */
export function cutCommonWords(dict: Buffer): Buffer {
  const out = Buffer.allocUnsafe(dict.length);
  return out.subarray(0, keepCommon(dict, out));
}

/**
 * Copies the lines of `dict` whose frequency is at least MIN_WORD_FREQ into `out`, joined by
 * newlines; returns the bytes written. One pass over the bytes: two Buffer#indexOf calls per
 * line (700,000 calls into the runtime) took twice as long at start-up.
 */
function keepCommon(dict: Buffer, out: Buffer): number {
  let size = 0;
  let start = 0;
  let space = -1;
  const n = dict.length;
  for (let i = 0; i <= n; i++) {
    const b = i < n ? dict[i]! : 0x0a;
    if (b === 0x20) {
      if (space < 0) space = i;
      continue;
    }
    if (b !== 0x0a) continue;
    let freq = 0;
    if (space >= 0) for (let j = space + 1; j < i && dict[j]! >= 0x30 && dict[j]! <= 0x39; j++) freq = freq * 10 + dict[j]! - 0x30;
    if (freq >= MIN_WORD_FREQ) {
      if (size) out[size++] = 0x0a;
      size += dict.copy(out, size, start, i);
    }
    start = i + 1;
    space = -1;
  }
  return size;
}
