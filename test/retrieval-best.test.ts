import { describe, expect, it } from 'vitest';
import { best } from '../knowledge/engine/retrieval.js';

describe('choosing the best units of a large search', () => {
  it('gives what a stable sort of all of them gives: the k highest, ties in their first-scored order', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (const [n, k, distinct] of [[0, 5, 3], [4, 5, 3], [500, 100, 7], [5000, 100, 40], [20000, 5, 1000], [300, 299, 2]] as const) {
      const values = new Float64Array(n + 10);
      const ids = Array.from({ length: n }, (_, j) => j + 10).sort(() => random() - 0.5);
      for (const i of ids) values[i] = 1 + Math.floor(random() * distinct);
      const expected = [...ids].sort((a, b) => values[b]! - values[a]!).slice(0, k);
      expect(best(ids, values, k), `n=${n} k=${k}`).toEqual(expected);
    }
  });
});
