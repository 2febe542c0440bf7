import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/db.js';
import { assistantServices } from './support/assistant.js';

// The routing rule of seeds/000: 师资培训、教学资源、考试组织、证书核发、协议签订及考核费用 → 区域管家;
// 校企合作 → 省区负责人; no topic → both, labelled.
describe('routing rule', () => {
  let services: Awaited<ReturnType<typeof assistantServices>>;
  const ask = (text: string, provinceCode?: string) =>
    services.assistant.answerOnly({ text, channel: 'cli', group: provinceCode ? { id: 'g', provinceCode } : undefined });
  beforeAll(async () => {
    services = await assistantServices(backends[0]!);
  });
  afterAll(async () => {
    await services.close();
  });

  it.each(['师资培训', '教学资源', '考试组织', '证书核发', '协议签订', '考核费用'])('浙江 %s → the 区域管家 only', (topic) => {
    const a = ask(`浙江的学校${topic}找谁`);
    expect(a.intent).toBe('contact_lookup');
    expect(a.text).toContain('王敏娜 13121210961');
    expect(a.text).not.toContain('李爱红');
  });

  it('校企合作 → the province leads only', () => {
    const a = ask('安徽想做校企合作项目联系谁');
    expect(a.text).toContain('陈嘉昊 13309261492');
    expect(a.text).toContain('王骞 13572436466');
    expect(a.text).not.toContain('王敏娜');
  });

  it('a college’s everyday name places it in its province (北工院 → 北京, 安商院 → 安徽)', () => {
    expect(ask('北工院这边校企合作找哪位').text).toContain('北京（华北区）');
    expect(ask('安商院的证书核发找谁').text).toContain('安徽（华东区）');
    // 北工 alone is not taken for a place: 北工大 is another school.
    expect(ask('北工大考试组织找谁').text).not.toContain('北京（华北区）');
  });

  it('no topic → both, labelled with what each handles', () => {
    const a = ask('山东找谁');
    expect(a.text).toContain('省区负责人');
    expect(a.text).toContain('米坤 15353567377');
    expect(a.text).toContain('华北区区域管家');
    expect(a.text).toContain('王鹤璇 13936352355');
    expect(a.sources.length).toBe(2);
  });

  it('says when the source gives no phone instead of inventing one', () => {
    const a = ask('江西的负责人电话');
    expect(a.text).toContain('丁海（来源未提供电话）');
    expect(a.text.match(/1\d{10}/g)).toEqual(['15891785606']);
  });

  it('keeps 杜渭’s two phones apart', () => {
    expect(ask('海南省负责人').text).toContain('13367495115');
    expect(ask('海南省负责人').text).not.toContain('18629635995');
    expect(ask('湖南省负责人').text).toContain('18629635995');
  });

  it('answers for the bound province when the question names none, and asks otherwise', () => {
    expect(ask('考试找谁', '44').text).toContain('苏亚楠 15109294615');
    const unbound = ask('考试找谁');
    expect(unbound.abstained).toBe(false);
    expect(unbound.text).toContain('省份');
    expect(unbound.text).not.toMatch(/1\d{10}/);
  });

  it('does not cover 港澳台 and says so', () => {
    const a = ask('澳门的学校考试找谁');
    expect(a.intent).toBe('uncovered_region');
    expect(a.text).toContain('不在');
    expect(a.text).not.toMatch(/1\d{10}/);
  });
});
