/**
 * Multinomial naive Bayes over bags of features (tokens, character pairs…), no class prior: the
 * intent classifier (intents.ts) and the passage each question is asked about (asked.ts) share it.
 * Counts are sparse per feature, so scoring costs the question's features times the labels that
 * have them, plus one pass over the labels.
 */
export class NaiveBayes<L> {
  readonly labels: L[] = [];
  /** Per feature, its count by label index. */
  private readonly counts = new Map<string, Map<number, number>>();
  private readonly totals: number[] = [];
  private readonly indexOf = new Map<L, number>();

  constructor(private readonly smoothing = 0.5) {}

  add(label: L, features: readonly string[]): void {
    if (this.compiled) this.decompile();
    let i = this.indexOf.get(label);
    if (i === undefined) {
      i = this.labels.length;
      this.labels.push(label);
      this.indexOf.set(label, i);
      this.totals.push(0);
    }
    for (const f of features) {
      let row = this.counts.get(f);
      if (!row) this.counts.set(f, (row = new Map()));
      row.set(i, (row.get(i) ?? 0) + 1);
      this.totals[i]! += 1;
    }
  }

  /** Builds the scoring rows now (after the last example), so that the counts are let go at once. */
  compact(): this {
    this.compiled ??= this.compile();
    return this;
  }

  /** Whether any example has this feature (an unseen feature says nothing about any label). */
  knows(feature: string): boolean {
    return this.compiled ? this.compiled.rows.has(feature) : this.counts.has(feature);
  }

  /**
   * The log-likelihood of the features under each label (by label index), over the features some
   * example has; `leaveOut` takes one example of one label back out first (an example scored
   * against a model that learned from it measures nothing).
   */
  logLikelihoods(features: readonly string[], leaveOut?: { label: L; features: readonly string[] }): { logs: Float64Array; seen: number } {
    if (leaveOut && this.indexOf.has(leaveOut.label)) return this.leavingOut(features, leaveOut);
    const { rows, starts, labels, gains, logNorms } = (this.compiled ??= this.compile());
    const known = features.filter((f) => rows.has(f));
    const baseline = Math.log(this.smoothing);
    const logs = new Float64Array(this.labels.length);
    for (let i = 0; i < logs.length; i++) logs[i] = known.length * (baseline - logNorms[i]!);
    for (const f of known) {
      const row = rows.get(f)!;
      for (let k = starts[row]!; k < starts[row + 1]!; k++) logs[labels[k]!]! += gains[k]!;
    }
    return { logs, seen: known.length };
  }

  /**
   * Per feature its row: the labels that have it and what it adds to their log-likelihood, at
   * starts[row] … starts[row + 1] of two arrays all rows share (one typed array a feature, 27,000 of
   * them with their own allocations, held ~3 MB more); and per label the log of its smoothed total.
   */
  private compiled?: { rows: Map<string, number>; starts: Int32Array; labels: Int32Array; gains: Float64Array; logNorms: Float64Array };

  /**
   * Builds the rows and lets go of the counts they are made from (a feature's count by label is
   * its gain read back, see countsOf): with the examples of every tuning file the counts, a Map per
   * feature, held a few MB that the service never reads again.
   */
  private compile(): NonNullable<typeof this.compiled> {
    const rows = new Map<string, number>();
    const baseline = Math.log(this.smoothing);
    let cells = 0;
    for (const row of this.counts.values()) cells += row.size;
    const starts = new Int32Array(this.counts.size + 1);
    const labels = new Int32Array(cells);
    const gains = new Float64Array(cells);
    let at = 0;
    for (const [f, row] of this.counts) {
      starts[rows.size] = at;
      rows.set(f, rows.size);
      for (const [label, c] of row) {
        labels[at] = label;
        gains[at++] = Math.log(c + this.smoothing) - baseline;
      }
    }
    starts[rows.size] = at;
    const logNorms = Float64Array.from(this.totals, (t) => Math.log(t + this.smoothing * this.counts.size));
    this.counts.clear();
    return { rows, starts, labels, gains, logNorms };
  }

  /** A compiled feature's count by label index, read back from its gains (exact: counts are whole numbers). */
  private countsOf(row: number): Array<[number, number]> {
    const { starts, labels, gains } = this.compiled!;
    const baseline = Math.log(this.smoothing);
    const out: Array<[number, number]> = [];
    for (let k = starts[row]!; k < starts[row + 1]!; k++) out.push([labels[k]!, Math.round(Math.exp(gains[k]! + baseline) - this.smoothing)]);
    return out;
  }

  /** The counts back from the rows, to learn more examples after scoring. */
  private decompile(): void {
    for (const [f, row] of this.compiled!.rows) this.counts.set(f, new Map(this.countsOf(row)));
    this.compiled = undefined;
  }

  private leavingOut(features: readonly string[], leaveOut: { label: L; features: readonly string[] }): { logs: Float64Array; seen: number } {
    const n = this.labels.length;
    const { rows } = (this.compiled ??= this.compile());
    const countsOf = (f: string) => this.countsOf(rows.get(f)!);
    const out = this.indexOf.get(leaveOut?.label as L);
    const removed = new Map<string, number>();
    if (out !== undefined) for (const f of leaveOut!.features) if (rows.has(f)) removed.set(f, (removed.get(f) ?? 0) + 1);
    // A feature only the left-out example had is gone from the vocabulary with it.
    const vanished = new Set([...removed].filter(([f, c]) => countsOf(f).reduce((a, [, b]) => a + b, 0) === c).map(([f]) => f));
    const known = features.filter((f) => rows.has(f) && !vanished.has(f));
    const vocabulary = rows.size - vanished.size;
    const logs = new Float64Array(n);
    const baseline = Math.log(this.smoothing);
    let leftOut = 0;
    for (const c of removed.values()) leftOut += c;
    for (let i = 0; i < n; i++) {
      const total = this.totals[i]! - (i === out ? leftOut : 0);
      logs[i] = known.length * (baseline - Math.log(total + this.smoothing * vocabulary));
    }
    for (const f of known) {
      for (const [i, c] of countsOf(f)) {
        const count = c - (i === out ? (removed.get(f) ?? 0) : 0);
        if (count > 0) logs[i]! += Math.log(count + this.smoothing) - baseline;
      }
    }
    return { logs, seen: known.length };
  }

  /** Each label's posterior probability (equal priors), by label index. */
  posterior(features: readonly string[], leaveOut?: { label: L; features: readonly string[] }): Float64Array {
    const { logs } = this.logLikelihoods(features, leaveOut);
    let top = -Infinity;
    for (const v of logs) top = Math.max(top, v);
    let sum = 0;
    for (let i = 0; i < logs.length; i++) sum += logs[i] = Math.exp(logs[i]! - top);
    for (let i = 0; i < logs.length; i++) logs[i]! /= sum;
    return logs;
  }

  index(label: L): number | undefined {
    return this.indexOf.get(label);
  }
}
