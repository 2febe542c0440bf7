import { describe, expect, it } from 'vitest';
import { calibrateThreshold, CONFIDENT_WRONG_COST, DOCUMENT_FEATURES, documentProbability, fitLogistic, loadDocumentModel } from '../knowledge/engine/evidence.js';

describe('the document answer model', () => {
  it('fits a logistic model that separates what its rows separate', () => {
    const rows = [0, 0.1, 0.2, 0.3, 0.7, 0.8, 0.9, 1].map((v) => ({ x: [v], y: v > 0.5 ? 1 : 0 }));
    const { weights, bias } = fitLogistic(rows, { l2: 0.001 });
    expect(weights[0]).toBeGreaterThan(0);
    expect(1 / (1 + Math.exp(-(bias + weights[0]! * 0.9)))).toBeGreaterThan(0.5);
    expect(1 / (1 + Math.exp(-(bias + weights[0]! * 0.1)))).toBeLessThan(0.5);
  });

  it('calibrates the threshold so that a confident wrong answer costs more than a decline', () => {
    const cases = [
      { top: 0.9, right: true, mustDecline: false },
      { top: 0.8, right: true, mustDecline: false },
      // At 0.72 one case would be won and one answered wrong: not worth it at a cost above 1.
      { top: 0.72, right: true, mustDecline: false },
      { top: 0.71, right: false, mustDecline: true },
      { top: 0.3, right: false, mustDecline: true },
    ];
    const at = calibrateThreshold(cases, [0.7, 0.75, 0.85]);
    expect(CONFIDENT_WRONG_COST).toBeGreaterThan(1);
    expect(at).toEqual({ at: 0.75, right: 4, wrong: 0 });
  });

  it('stores weights for every feature the engine computes, and a calibrated threshold', () => {
    const model = loadDocumentModel();
    expect([...model.features].sort()).toEqual([...DOCUMENT_FEATURES].sort());
    expect(model.decideAt).toBeGreaterThanOrEqual(0.5);
    expect(model.decideAt).toBeLessThan(1);
    expect(model.decideAtOwnCollege).toBeLessThanOrEqual(model.decideAt!);
    const none = Object.fromEntries(DOCUMENT_FEATURES.map((f) => [f, 0])) as Record<(typeof DOCUMENT_FEATURES)[number], number>;
    expect(documentProbability(model, { ...none, coverage: 1, bm25: 1, chars: 1, strength: 1, terms: 1 })).toBeGreaterThan(documentProbability(model, none));
  });
});
