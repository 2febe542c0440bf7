import { describe, expect, it } from 'vitest';
import { AskedPassages, loadAsked } from '../knowledge/engine/asked.js';
import { NaiveBayes } from '../knowledge/engine/naive-bayes.js';
import { STAFF_ANSWERS, type Passage } from '../knowledge/engine/snapshot.js';

const faq = (id: string, section: string): Passage => ({ id, document: '测试文件', section, body: '正文' });
const results = faq('1', '学生常见问题 · 考试成绩和证书在哪查询，成绩咋查、分数在哪看');
const fee = faq('2', '学生常见问题 · 考试报名费谁出，学生要自己交钱吗、考试要多少钱');
const section = faq('3', '一、证书介绍 （一）培训评价组织');

describe('which passage a question is asked about, learned from examples', () => {
  it('learns everyday words from the examples a passage answered, beyond its heading', () => {
    const withoutExamples = new AskedPassages([results, fee, section], { about: '', passages: [] });
    const learned = new AskedPassages([results, fee, section], {
      about: '',
      passages: [{ document: results.document, section: results.section, questions: ['拿到证以后网上能查到吗', '证拿到了去哪个网站看'] }],
    });
    const question = '证书拿到后网上查得到不';
    expect(withoutExamples.opinion(question)(results).share).toBeLessThan(learned.opinion(question)(results).share);
    expect(learned.opinion(question)(results).top).toBe(true);
    expect(learned.opinion(question)(fee).top).toBe(false);
    // A section that is not a question has no opinion.
    expect(learned.opinion(question)(section)).toEqual({ share: 0, top: false });
  });

  it('leaves a learned question out when it is asked itself, so a tuning set measures new wordings', () => {
    const example = '那个证啥时候能在网上看到';
    const learned = new AskedPassages([results, fee], { about: '', passages: [{ document: results.document, section: results.section, questions: [example] }] });
    const bare = new AskedPassages([results, fee], { about: '', passages: [] });
    expect(learned.opinion(example)(results).share).toBeGreaterThan(bare.opinion(example)(results).share);
    expect(learned.opinion(example, example)(results).share).toBeCloseTo(bare.opinion(example)(results).share, 10);
  });

  it('takes a staff answer’s question as its way of asking, and ignores examples of passages no longer there', () => {
    const staff: Passage = { id: 's', document: STAFF_ANSWERS, section: '补考怎么收费', body: '补考费用与首次考试相同。' };
    const asked = new AskedPassages([results, staff], { about: '', passages: [{ document: '已删除的文件', section: '常见问题 · 旧问题', questions: ['补考多少钱'] }] });
    expect(asked.opinion('补考要交多少费用')(staff).top).toBe(true);
  });

  it('ships examples only for passages of the seed knowledge, each with questions', () => {
    const file = loadAsked();
    expect(file.passages.length).toBeGreaterThan(50);
    for (const p of file.passages) expect(p.questions.length).toBeGreaterThan(0);
  });
});

describe('naive Bayes', () => {
  it('gives the label whose examples share the words, and leaving an example out is as if it was never added', () => {
    const bayes = new NaiveBayes<string>();
    bayes.add('a', ['考试', '成绩', '查询']);
    bayes.add('a', ['成绩', '网址']);
    bayes.add('b', ['报名', '费用', '考试']);
    const a = bayes.index('a')!;
    expect(bayes.posterior(['成绩', '网址'])[a]).toBeGreaterThan(0.8);
    const without = new NaiveBayes<string>();
    without.add('a', ['考试', '成绩', '查询']);
    without.add('b', ['报名', '费用', '考试']);
    const left = bayes.posterior(['成绩', '网址'], { label: 'a', features: ['成绩', '网址'] });
    const never = without.posterior(['成绩', '网址']);
    expect(left[a]).toBeCloseTo(never[without.index('a')!]!, 10);
    expect(left[a]).toBeLessThan(bayes.posterior(['成绩', '网址'])[a]!);
  });
});
