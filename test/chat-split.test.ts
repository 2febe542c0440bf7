import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitUtf8 } from '../api/chat/split.js';

describe('splitUtf8', () => {
  it('keeps a short reply whole and splits a long one on sentence boundaries within the byte limit', () => {
    expect(splitUtf8('考试找王鹤璇。', 2048)).toEqual(['考试找王鹤璇。']);
    const sentence = '请联系本省的省区负责人。'; // 36 bytes
    const pieces = splitUtf8(sentence.repeat(100), 2048);
    expect(pieces.length).toBe(2);
    for (const p of pieces) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(2048);
    expect(pieces.join('')).toBe(sentence.repeat(100));
    expect(pieces[0]!.endsWith('。')).toBe(true);
  });

  it('never exceeds the limit and loses no character, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.integer({ min: 8, max: 64 }), (text, max) => {
        const pieces = splitUtf8(text, max);
        for (const p of pieces) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(max);
        expect(pieces.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
      }),
    );
  });
});
