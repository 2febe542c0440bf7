import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from '../facts.js';
import type { Passage } from './snapshot.js';
import { charPairs, features, headingText, joinBrokenLines, sentences, tokens, waysOfAsking } from './text.js';

/**
 * BM25 retrieval over "units": a short passage is one unit; a long one is split into its
 * sentences and list items, each keeping its passage for the citation.
 */
export interface Unit {
  passage: Passage;
  text: string;
  /** Position in the index, so that a list's items (the next units) can be found. */
  position: number;
  /** A blank form or table skeleton: kept for positions, never an answer. */
  blank?: boolean;
  /** The source line (list item, table row) it belongs to: an answer shows its whole line. */
  line: number;
}

function isBlankForm(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim());
  if ((text.match(/□/g)?.length ?? 0) >= 3) return true;
  // Gaps left to fill in: "试点专业名称： ，计划培训 人次，…人数 人。"
  if ((text.match(/[：:，,（(]\s+[，,。）)]|\s{1,}(人次|人|名|个)[，,。]|_{3,}/g)?.length ?? 0) >= 2) return true;
  return lines.length >= 5 && lines.reduce((a, l) => a + l.trim().length, 0) / lines.length < 8;
}

export interface Hit {
  unit: Unit;
  score: number;
  /** Share of the query's distinct terms (by IDF weight) that the unit contains. */
  coverage: number;
  /** Weight of the question's terms the unit contains: how much real evidence it has. */
  anchor: number;
  /** How many of the question's terms it contains. */
  matchedTerms: number;
  /** How many more it half-contains (a shorter word inside a question's word). */
  partialTerms: number;
  /** Share of the question's term weight from words no passage uses (everyday speech). */
  unknownShare: number;
  /** How many terms the question has. */
  queryTerms: number;
  /** Share of the question's character pairs (by weight) the unit holds: catches wordings the segmenter splits differently. */
  charCoverage: number;
  /** In how many units the most widespread of its matched terms occurs (a word only one passage uses is thin evidence alone). */
  matchedSpread: number;
  /** Which of the question's terms it contains (bit i: term i), and each term's weight. */
  matchedMask: number;
  termWeights: number[];
  /** How alike the question is to the closest of the ways of asking its passage's heading lists (Dice of character pairs). */
  phrasing: number;
}

const WHOLE_UNIT_MAX = 240;
const K1 = 1.2;
const MIN_SCORING_IDF = 0.3;
const RERANK_CANDIDATES = 100;
const B = 0.75;
const UNKNOWN_TERM_WEIGHT = 3;
/** How many of the character channel's best units a search returns beyond its limit. */
const CHAR_OPTIONS = 2;
/** How many units the character channel adds to the word channel's candidates. */
const CHAR_CANDIDATES = 5;
/** How many passages whose headings read most like the question join the candidates (the third channel). */
const PHRASING_CANDIDATES = 2;
/** Question words that are no subject of a question (their answer type is read elsewhere, answer-types.ts). */
const QUESTION_FORMS = /什么时候|啥时候|何时|哪家|是不是|可不可以/g;
/** Below this likeness a heading's phrasing brings no passage in. */
const PHRASING_MIN = 0.3;

/**
 * The k ids with the highest values (of the first n of `ids`), best first; ties keep their order in `ids`, as a stable sort
 * of all of them would — found in linear time (quickselect), since a large knowledge base touches
 * tens of thousands of units per question.
 */
export function best(ids: ArrayLike<number>, values: Float64Array, k: number, n = ids.length): number[] {
  const byValue = (a: number, b: number) => values[b]! - values[a]!;
  if (n <= k) return Array.from({ length: n }, (_, j) => ids[j]!).sort(byValue);
  // plain loops over one reused buffer: this runs over every touched unit of every question
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, 2 * scratch.length));
  gather(ids, values, n, scratch);
  selectKth(scratch, n, k);
  const kth = scratch[k - 1]!;
  return pick(ids, values, n, kth, k - countAbove(ids, values, n, kth)).sort(byValue);
}

let scratch = new Float64Array(0);

/*
 * The hot loops live in small functions whose loop is all they do. V8 compiles a long-running
 * loop on the spot (on-stack replacement) before the code after it has ever run, and the Node
 * version this runs on keeps entering that compiled loop and bailing out at the untried code
 * after it on every later call — the rest of the function then ran in the interpreter each time.
 */

function gather(ids: ArrayLike<number>, values: Float64Array, n: number, into: Float64Array): void {
  for (let j = 0; j < n; j++) into[j] = values[ids[j]!]!;
}

function countAbove(ids: ArrayLike<number>, values: Float64Array, n: number, kth: number): number {
  let above = 0;
  for (let j = 0; j < n; j++) if (values[ids[j]!]! > kth) above++;
  return above;
}

/** The ids above `kth`, and the first `room` of those equal to it, in their order. */
function pick(ids: ArrayLike<number>, values: Float64Array, n: number, kth: number, room: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < n; j++) {
    const i = ids[j]!;
    const v = values[i]!;
    if (v > kth || (v === kth && room-- > 0)) out.push(i);
  }
  return out;
}

/** Adds `weight` × each posting's norm (or `weight` alone) to `sums`; a unit first touched is listed in `touched` after its first `n`. Returns the new count. */
function accumulate(ids: Int32Array, norms: Float64Array | null, weight: number, sums: Float64Array, touched: Int32Array, n: number): number {
  if (norms) {
    for (let j = 0; j < ids.length; j++) {
      const i = ids[j]!;
      if (sums[i] === 0) touched[n++] = i; // every term adds a positive amount
      sums[i] += weight * norms[j]!;
    }
  } else {
    for (let j = 0; j < ids.length; j++) {
      const i = ids[j]!;
      if (sums[i] === 0) touched[n++] = i;
      sums[i] += weight;
    }
  }
  return n;
}

/** Counts each listed phrasing's shared pairs; one first counted is listed in `touched` after its first `n`. Returns the new count. */
function countShared(list: Int32Array, shared: Uint16Array, touched: Int32Array, n: number): number {
  for (let j = 0; j < list.length; j++) {
    const id = list[j]!;
    if (shared[id] === 0) touched[n++] = id;
    shared[id]++;
  }
  return n;
}

/**
 * Each of the first `n` touched phrasings' likeness (Dice) to a question of `size` pairs, the
 * best by passage filed at its first unit in `bestOf` (the units filed listed in `units`); zeroes
 * `shared` again. Returns how many units it filed.
 */
function fileLikeness(
  touched: Int32Array, n: number, shared: Uint16Array, size: number, phrasingSize: number[], phrasingUnit: number[], bestOf: Float64Array, units: Int32Array,
): number {
  let filed = 0;
  for (let j = 0; j < n; j++) {
    const id = touched[j]!;
    const dice = (2 * shared[id]!) / (size + phrasingSize[id]!);
    shared[id] = 0;
    const unit = phrasingUnit[id]!;
    if (bestOf[unit] === 0) units[filed++] = unit;
    if (dice > bestOf[unit]!) bestOf[unit] = dice;
  }
  return filed;
}

/** Zero the first `n` listed entries of `values` again. */
function clearListed(values: Float64Array, listed: Int32Array, n: number): void {
  for (let j = 0; j < n; j++) values[listed[j]!] = 0;
}

/** Puts the k-th largest of the first `length` numbers of `a` (1-based) at index k - 1; reorders them. */
function selectKth(a: Float64Array, length: number, k: number): void {
  let lo = 0;
  let hi = length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! > pivot) i++;
      while (a[j]! < pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
}

const SYNONYMS = (
  JSON.parse(readFileSync(path.join(DATA_DIR, 'synonyms.json'), 'utf8')) as { synonyms: Record<string, string[]> }
).synonyms;

/** The first of `words` in `set` (find() with a closure made at each of its ~1,000 calls per question). */
function firstIn(words: string[], set: Set<string>): string | undefined {
  for (let k = 0; k < words.length; k++) if (set.has(words[k]!)) return words[k];
  return undefined;
}

/** Whether a unit's words spell out every character of a term (成绩 and 查询 for 成绩查询). */
function spelled(term: { partial: string[]; spans: number[]; whole: number }, set: Set<string>): boolean {
  if (term.partial.length < 2) return false;
  let covered = 0;
  for (let i = 0; i < term.partial.length; i++) if (set.has(term.partial[i]!)) covered |= term.spans[i]!;
  return covered === term.whole;
}

export class PassageIndex {
  readonly units: Unit[] = [];
  /** Each feature's units and their BM25 term weights (computed once: the query loop only adds). */
  private readonly postings = new Map<string, { ids: Int32Array; norms: Float64Array }>();
  private readonly lengths: number[] = [];
  private readonly featureSets: Array<Set<string>> = [];
  /** Character pairs of each unit's canonical text and heading, for the second, segmentation-free channel. */
  private readonly charPostings = new Map<string, Int32Array>();
  private charSums = new Float64Array(0);
  private avgLength = 1;
  /**
   * The third channel: each way of asking that a heading lists (an FAQ heading is a list of
   * them: 不是试点院校能不能申报考点，企业能不能申报考核站点、…), as character pairs, with the
   * first unit of its passage.
   */
  private readonly phrasingUnit: number[] = [];
  private readonly phrasingSize: number[] = [];
  private readonly phrasingPostings = new Map<string, Int32Array>();
  /** Each unit's passage's first unit, where its phrasings are filed. */
  private firstUnit = new Int32Array(0);

  constructor(passages: Passage[]) {
    let line = 0;
    for (const passage of passages) {
      const body = joinBrokenLines(passage.body.trim());
      if (body.length <= WHOLE_UNIT_MAX) this.units.push({ passage, text: body, position: this.units.length, line: line++ });
      else {
        for (const text of body.split('\n')) {
          for (const s of sentences(text)) this.units.push({ passage, text: s, position: this.units.length, line });
          line++;
        }
      }
    }
    // A blank form (序号 / 试点专业名称 / □初级 □中级) answers nothing: it stays out of the index.
    for (const unit of this.units) if (isBlankForm(unit.text)) unit.blank = true;
    const lists = new Map<string, Array<[number, number]>>();
    const charLists = new Map<string, number[]>();
    this.units.forEach((unit, i) => {
      if (unit.blank) {
        this.lengths[i] = 0;
        this.featureSets[i] = new Set();
        return;
      }
      // The section and document titles count too: "考点基本条件 12.监控设备" names what the
      // row is about, "北京工业职业技术学院…管理办法" whose rule it is.
      const section = headingText(unit.passage.section);
      const feats = [...features(unit.text), ...features(section), ...features(unit.passage.document)];
      for (const g of charPairs(unit.text + ' ' + section)) {
        let list = charLists.get(g);
        if (!list) charLists.set(g, (list = []));
        list.push(i);
      }
      this.lengths[i] = feats.length;
      this.featureSets[i] = new Set(feats);
      const tf = new Map<string, number>();
      for (const f of feats) tf.set(f, (tf.get(f) ?? 0) + 1);
      for (const [f, n] of tf) {
        let list = lists.get(f);
        if (!list) lists.set(f, (list = []));
        list.push([i, n]);
      }
    });
    this.avgLength = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, this.lengths.length);
    this.firstUnit = Int32Array.from(this.units, (u, i) => (i > 0 && this.units[i - 1]!.passage === u.passage ? -1 : i));
    for (let i = 1; i < this.firstUnit.length; i++) if (this.firstUnit[i] === -1) this.firstUnit[i] = this.firstUnit[i - 1]!;
    const phrasingLists = new Map<string, number[]>();
    this.units.forEach((unit, i) => {
      if (unit.blank || this.firstUnit[i] !== i) return;
      for (const way of waysOfAsking(unit.passage.section)) {
        const grams = charPairs(way);
        if (grams.size < 2) continue;
        const id = this.phrasingUnit.length;
        this.phrasingUnit.push(i);
        this.phrasingSize.push(grams.size);
        for (const g of grams) {
          let list = phrasingLists.get(g);
          if (!list) phrasingLists.set(g, (list = []));
          list.push(id);
        }
      }
    });
    for (const [g, list] of phrasingLists) this.phrasingPostings.set(g, Int32Array.from(list));
    for (const [g, list] of charLists) this.charPostings.set(g, Int32Array.from(list));
    for (const [f, list] of lists) {
      this.postings.set(f, {
        ids: Int32Array.from(list, ([i]) => i),
        norms: Float64Array.from(list, ([i, tf]) => (tf * (K1 + 1)) / (tf + K1 * (1 - B + B * (this.lengths[i]! / this.avgLength)))),
      });
    }
  }

  private idf(feature: string): number {
    const df = this.postings.get(feature)?.ids.length ?? 0;
    return Math.log(1 + (this.units.length - df + 0.5) / (df + 0.5));
  }

  /** Query features: tokens, their synonyms, and character bigrams. */
  queryFeatures(query: string): string[] {
    const feats = features(query);
    for (const t of tokens(query)) for (const s of SYNONYMS[t] ?? []) feats.push(...features(s));
    for (const [word, alts] of Object.entries(SYNONYMS)) if (query.includes(word)) for (const s of alts) feats.push(...features(s));
    return [...new Set(feats)];
  }

  /** Whether a piece of text holds a word (two characters or more) that some passage uses. */
  usesKnownWord(text: string): boolean {
    return this.queryTerms(text).some((t) => !t.unknown);
  }

  /**
   * The question's terms for coverage: its longest words (single characters are too vague to
   * count), each matched by itself or a synonym, or half-matched by a shorter word inside it.
   */
  private queryTerms(query: string): Array<{ weight: number; exact: string[]; partial: string[]; spans: number[]; whole: number; unknown: boolean }> {
    const toks = [...new Set(tokens(query))];
    const longest = toks.filter((t) => t.length >= 2 && !toks.some((o) => o !== t && o.length > t.length && o.includes(t)));
    return longest.map((term) => {
      const exact = [term, ...(SYNONYMS[term] ?? []).flatMap((x) => features(x))];
      // A shorter word inside it (年级 in 几年级) is only half a match: 计算 is not 计算器.
      const partial = toks.filter((o) => o !== term && o.length >= 2 && term.includes(o));
      const known = [...exact, ...partial].filter((a) => this.postings.has(a));
      // A word no passage contains is usually everyday speech (沾边, 桌子), not the question's
      // subject: it counts, but less than a word the documents use.
      const weight = known.length ? Math.max(...known.map((a) => this.idf(a))) : UNKNOWN_TERM_WEIGHT;
      // Shorter words that together spell it out (成绩 + 查询 = 成绩查询) match it whole.
      // Each shorter word as a bit mask of the characters it covers (terms are short words).
      const spans = partial.map((o) => (term.length > 30 ? 0 : ((1 << o.length) - 1) << term.indexOf(o)));
      return { weight, exact, partial, spans, whole: term.length > 30 ? -1 : (1 << term.length) - 1, unknown: !known.length };
    });
  }

  /** The candidates' ranking keys (coverage, character coverage, phrasing), reused by every search. */
  private rankKeys = new Float64Array(0);

  /** BM25 sums by unit, reused by every search (zero between searches): no map per query. */
  private sums = new Float64Array(0);
  /**
   * The units each channel touched, in the order first touched, and the phrasings and passages
   * the phrasing channel touched: reused by every search (a large knowledge base touches tens of
   * thousands of units per question; growing arrays for them was most of a search's garbage).
   */
  private touched = new Int32Array(0);
  private charTouched = new Int32Array(0);
  private phrasingTouched = new Int32Array(0);
  private phrasedUnits = new Int32Array(0);

  /**
   * The units sharing the most of the question's character pairs (weighted by rarity), with that
   * share: the segmentation-free channel.
   */
  private charChannel(queryPairs: Set<string>): number {
    const pairs = [...queryPairs];
    const weights = pairs.map((g) => {
      const df = this.charPostings.get(g)?.length ?? 0;
      return df ? Math.log(1 + (this.units.length - df + 0.5) / (df + 0.5)) : 0;
    });
    const total = weights.reduce((a, b) => a + b, 0);
    if (!total) return 0;
    // Sums in one reused array, as for BM25 (the caller reads them, then clears the touched ones).
    if (this.charSums.length < this.units.length) this.charSums = new Float64Array(this.units.length);
    if (this.charTouched.length < this.units.length) this.charTouched = new Int32Array(this.units.length);
    let n = 0;
    for (let k = 0; k < pairs.length; k++) {
      // A pair in most units ranks nothing and its long list is most of the cost.
      if (weights[k]! < MIN_SCORING_IDF) continue;
      n = accumulate(this.charPostings.get(pairs[k]!)!, null, weights[k]! / total, this.charSums, this.charTouched, n);
    }
    return n;
  }

  /** Shared pairs by phrasing, and the best likeness by passage (at its first unit): reused, zero between searches. */
  private phrasingShared = new Uint16Array(0);
  private phrasingBest = new Float64Array(0);

  /**
   * Each passage's best likeness of a listed way of asking to the question, filed at its first
   * unit in `phrasingBest`; returns how many units it filed, listed in `phrasedUnits` (the caller
   * reads them, then clears them).
   */
  private phrasings(pairs: Set<string>): number {
    if (this.phrasingShared.length < this.phrasingUnit.length) this.phrasingShared = new Uint16Array(this.phrasingUnit.length);
    if (this.phrasingTouched.length < this.phrasingUnit.length) this.phrasingTouched = new Int32Array(this.phrasingUnit.length);
    if (this.phrasingBest.length < this.units.length) this.phrasingBest = new Float64Array(this.units.length);
    if (this.phrasedUnits.length < this.units.length) this.phrasedUnits = new Int32Array(this.units.length);
    let n = 0;
    for (const g of pairs) {
      const list = this.phrasingPostings.get(g);
      if (list) n = countShared(list, this.phrasingShared, this.phrasingTouched, n);
    }
    return fileLikeness(this.phrasingTouched, n, this.phrasingShared, pairs.size, this.phrasingSize, this.phrasingUnit, this.phrasingBest, this.phrasedUnits);
  }

  /**
   * The PHRASING_CANDIDATES units whose phrasing is likest the question (at least PHRASING_MIN),
   * best first, the earlier of equals first: one pass, since a large knowledge base files
   * thousands of units per question.
   */
  private mostLike(units: Int32Array, n: number): number[] {
    const top: number[] = [];
    const like = this.phrasingBest;
    for (let j = 0; j < n; j++) {
      const i = units[j]!;
      const v = like[i]!;
      if (v < PHRASING_MIN || (top.length === PHRASING_CANDIDATES && v <= like[top[top.length - 1]!]!)) continue;
      let at = top.length;
      while (at > 0 && like[top[at - 1]!]! < v) at--;
      top.splice(at, 0, i);
      if (top.length > PHRASING_CANDIDATES) top.pop();
    }
    return top;
  }

  /** The phrasing likeness of a unit's passage (read at its first unit). */
  private phrasingOf(i: number): number {
    return this.phrasingBest[this.firstUnit[i]!]!;
  }

  /** `include`: a passage to return among the hits whatever its rank (an FAQ entry the question is worded as). */
  search(asked: string, limit = 3, include?: Passage): Hit[] {
    // The question's words, not its question words: 什么时候 and 是不是 match every FAQ heading
    // that lists a way of asking with them (the character and phrasing channels still see them).
    const query = asked.replace(QUESTION_FORMS, ' ');
    const feats = this.queryFeatures(query);
    if (this.sums.length < this.units.length) this.sums = new Float64Array(this.units.length);
    const sums = this.sums;
    if (this.touched.length < this.units.length) this.touched = new Int32Array(this.units.length);
    const touched = this.touched; // units in the order first scored (the order ties keep)
    let nTouched = 0;
    for (const f of feats) {
      const idf = this.idf(f);
      // A word in most units (the document titles' 电子商务数据分析…) hardly ranks anything and
      // its long posting list is most of the cost: it still counts for coverage below.
      if (idf < MIN_SCORING_IDF) continue;
      const posting = this.postings.get(f);
      if (!posting) continue;
      nTouched = accumulate(posting.ids, posting.norms, idf, sums, touched, nTouched);
    }
    // Coverage only for the best BM25 candidates; a unit further down rarely wins the re-rank.
    const candidates = best(touched, sums, RERANK_CANDIDATES, nTouched).map((i) => [i, sums[i]!] as [number, number]);
    const included = include ? this.units.findIndex((u) => u.passage === include && !u.blank) : -1;
    if (included >= 0 && !candidates.some(([i]) => this.units[i]!.passage === include)) candidates.push([included, sums[included]!]);
    clearListed(sums, touched, nTouched);
    const terms = this.queryTerms(query);
    const totalWeight = terms.reduce((a, t) => a + t.weight, 0);
    const termWeights = terms.map((t) => t.weight);
    const unknownShare = totalWeight ? terms.reduce((a, t) => a + (t.unknown ? t.weight : 0), 0) / totalWeight : 0;
    const matched = (i: number) => {
      const set = this.featureSets[i]!;
      let weight = 0;
      let count = 0;
      let partial = 0;
      let spread = 0;
      let mask = 0;
      for (let k = 0; k < terms.length; k++) {
        const t = terms[k]!;
        const hit = firstIn(t.exact, set);
        if (hit || spelled(t, set)) (weight += t.weight), count++, (spread = Math.max(spread, hit ? (this.postings.get(hit)?.ids.length ?? 0) : 0)), k < 31 && (mask |= 1 << k);
        else if (firstIn(t.partial, set) !== undefined) (weight += t.weight / 2), partial++;
      }
      return { weight, count, partial, spread, mask };
    };
    // The best units of the character channel join the candidates even when few words matched.
    const queryPairs = charPairs(asked);
    const nChars = this.charChannel(queryPairs);
    const chars = this.charSums;
    const taken = new Set(candidates.map(([i]) => i));
    for (const i of best(this.charTouched, chars, CHAR_CANDIDATES, nChars)) if (!taken.has(i) && !this.units[i]!.blank) taken.add(i), candidates.push([i, 0]);
    // So do the passages whose headings read most like the question.
    const nPhrased = this.phrasings(queryPairs);
    for (const i of this.mostLike(this.phrasedUnits, nPhrased)) if (!taken.has(i)) taken.add(i), candidates.push([i, 0]);
    // Rank by BM25 weighted by coverage: a unit that answers every part of the question wins
    // over one that repeats a single term. (Sorted by index over the keys: a hit is made only for
    // the few units returned, not for each of the ~100 candidates of every search — those objects
    // were a quarter of an answer's garbage. Same comparisons, same stable sort, same order.)
    const n = candidates.length;
    if (this.rankKeys.length < 3 * n) this.rankKeys = new Float64Array(3 * n);
    const coverage = this.rankKeys.subarray(0, n);
    const charCoverage = this.rankKeys.subarray(n, 2 * n);
    const phrasing = this.rankKeys.subarray(2 * n, 3 * n);
    const order = new Array<number>(n);
    for (let j = 0; j < n; j++) {
      const i = candidates[j]![0];
      coverage[j] = totalWeight ? matched(i).weight / totalWeight : 0;
      charCoverage[j] = chars[i] ?? 0;
      phrasing[j] = this.phrasingOf(i);
      order[j] = j;
    }
    const score = (j: number) => candidates[j]![1];
    order.sort((a, b) => score(b) * coverage[b]! - score(a) * coverage[a]!);
    clearListed(chars, this.charTouched, nChars);
    clearListed(this.phrasingBest, this.phrasedUnits, nPhrased);
    // The word channel's best, then the character channel's best of the rest, then the phrasing channel's.
    const rest = order.slice(limit).sort((a, b) => charCoverage[b]! - charCoverage[a]!);
    const picked = [...order.slice(0, limit), ...rest.slice(0, CHAR_OPTIONS)];
    const phrasedBest = rest.slice(CHAR_OPTIONS).sort((a, b) => phrasing[b]! - phrasing[a]!)[0];
    if (phrasedBest !== undefined && phrasing[phrasedBest]! >= PHRASING_MIN) picked.push(phrasedBest);
    if (include && !picked.some((j) => this.units[candidates[j]![0]]!.passage === include)) {
      const j = order.find((k) => this.units[candidates[k]![0]]!.passage === include);
      if (j !== undefined) picked.push(j);
    }
    const out = picked.map((j): Hit => {
      const [i, unitScore] = candidates[j]!;
      const m = matched(i); // again, for the few returned (a pure function of the unit)
      return {
        unit: this.units[i]!,
        score: unitScore,
        coverage: coverage[j]!,
        anchor: m.weight,
        matchedTerms: m.count,
        partialTerms: m.partial,
        unknownShare,
        queryTerms: terms.length,
        matchedSpread: m.spread,
        charCoverage: charCoverage[j]!,
        matchedMask: m.mask,
        termWeights,
        phrasing: phrasing[j]!,
      };
    });
    return out;
  }
}
