import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { backends } from './support/db.js';
import { useServiceWithAdmin } from './support/service.js';
import { DOCUMENT_LIMITS, DocumentLimitError, ingestDocument } from '../knowledge/ingest.js';

/** A .docx whose document.xml is `paragraphs` paragraphs of `text` (compresses to almost nothing when repetitive). */
async function docx(paragraph: string, paragraphs: number): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  const p = `<w:p><w:r><w:t>${paragraph}</w:t></w:r></w:p>`;
  zip.file('word/document.xml', `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${p.repeat(paragraphs)}</w:body></w:document>`);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (err) {
    return err instanceof DocumentLimitError ? err.code : String(err);
  }
  return 'accepted';
};

describe('upload limits (M6)', () => {
  it('refuses a .docx that unzips beyond the limit before reading it', async () => {
    const bomb = await docx('考'.repeat(1000), 8000); // ~24 MB of XML in a small file
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(await refusal(ingestDocument('bomb.docx', bomb))).toBe('document_unzipped_too_large');
  });

  it('refuses too many passages, an over-long passage and too much text, and accepts an ordinary document', async () => {
    const sections = Array.from({ length: DOCUMENT_LIMITS.passages + 1 }, (_, i) => `## 第${i}节\n内容${i}`).join('\n');
    expect(await refusal(ingestDocument('many.md', Buffer.from(sections)))).toBe('too_many_passages');
    expect(await refusal(ingestDocument('long.md', Buffer.from(`## 一节\n${'很长'.repeat(DOCUMENT_LIMITS.passageChars)}`)))).toBe('passage_too_long');
    expect(await refusal(ingestDocument('huge.txt', Buffer.from('字'.repeat(DOCUMENT_LIMITS.textChars + 1))))).toBe('document_text_too_long');
    expect(await ingestDocument('ok.docx', await docx('考试安排在每年的五月和十一月。', 3))).toHaveLength(1);
  });
});

describe.each(backends)('the knowledge upload endpoint and the index refresh on %s', (backend) => {
  const t = useServiceWithAdmin(backend);

  it('answers 413 with the limit that was hit, and stores nothing', async () => {
    const before = await t.svc.db.query('select count(*)::int as n from knowledge_entries');
    const res = await t.svc.request('/api/admin/knowledge/upload?filename=bomb.docx', { method: 'POST', body: (await docx('考'.repeat(1000), 8000)) as unknown as string, headers: { ...t.admin, 'content-type': 'application/octet-stream' } });
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('document_unzipped_too_large');
    expect(body.error.message).toMatch(/解压后超过/);
    expect(await t.svc.db.query('select count(*)::int as n from knowledge_entries')).toEqual(before);
  });

  it('rebuilds the index on the timer only when something changed', async () => {
    expect(await t.svc.services.assistant.reloadIfChanged()).toBe(false);
    expect(await t.svc.services.assistant.reloadIfChanged()).toBe(false);
    // A change made elsewhere (another instance): straight into the database.
    await t.svc.db.query(`update contacts set phone = '13900000000', updated_at = now() where id = (select min(id) from contacts)`);
    expect(await t.svc.services.assistant.reloadIfChanged()).toBe(true);
    expect(await t.svc.services.assistant.reloadIfChanged()).toBe(false);
    await t.svc.db.query(`insert into colleges (name, province_code) values ('版本测试学院', '37')`);
    expect(await t.svc.services.assistant.reloadIfChanged()).toBe(true);
  });
});
