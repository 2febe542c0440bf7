import { describe, expect, it } from 'vitest';
import { addressedText, splitReply } from '../bot/etiquette.js';
import { RateLimiter } from '../api/http/rate-limit.js';

describe('bot etiquette', () => {
  const keywords = ['小助手', '1+X助手'];
  it('answers groups only when mentioned or called by keyword; private chats always', () => {
    expect(addressedText({ text: '考试找谁', inRoom: true, mentioned: false, keywords })).toBeUndefined();
    expect(addressedText({ text: '@助手 考试找谁', inRoom: true, mentioned: true, mentionFreeText: '考试找谁', keywords })).toBe('考试找谁');
    expect(addressedText({ text: '小助手：考试找谁', inRoom: true, mentioned: false, keywords })).toBe('考试找谁');
    expect(addressedText({ text: '考试找谁', inRoom: false, mentioned: false, keywords })).toBe('考试找谁');
    expect(addressedText({ text: '   ', inRoom: false, mentioned: false, keywords })).toBeUndefined();
  });

  it('splits long replies on sentence boundaries under the limit, losing nothing', () => {
    const text = Array.from({ length: 60 }, (_, i) => `第${i}句话的内容比较长一些。`).join('');
    const pieces = splitReply(text, 100);
    expect(pieces.length).toBeGreaterThan(5);
    expect(pieces.every((p) => p.length <= 100)).toBe(true);
    expect(pieces.join('')).toBe(text);
    expect(splitReply('短回答')).toEqual(['短回答']);
  });

  it('rate-limits per user within a minute', () => {
    let now = 0;
    const limiter = new RateLimiter(2, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a'), limiter.take('b')]).toEqual([true, true, false, true]);
    now = 61_000;
    expect(limiter.take('a')).toBe(true);
  });
});
