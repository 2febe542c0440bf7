import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Passage } from './engine/snapshot.js';

/**
 * Ingestion: documents become passages (document title, section, body).
 * - .md: optional front matter (title:, file:), one passage per `## ` heading
 * - .txt / .docx: paragraphs grouped under headings such as 一、 （一） 第三条
 */
export const PASSAGES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'passages');

const HEADING = /^(第[一二三四五六七八九十百]+[条章]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)/;

export function passagesFromMarkdown(markdown: string, fallbackTitle: string, file?: string): Passage[] {
  let body = markdown.replace(/\r\n/g, '\n');
  let title = fallbackTitle;
  let sourceFile = file;
  const front = /^---\n([\s\S]*?)\n---\n/.exec(body);
  if (front) {
    for (const line of front[1]!.split('\n')) {
      const m = /^(\w+):\s*(.*)$/.exec(line.trim());
      if (m?.[1] === 'title') title = m[2]!;
      if (m?.[1] === 'file') sourceFile = m[2]!;
    }
    body = body.slice(front[0].length);
  }
  const heading1 = /^# (.+)$/m.exec(body);
  if (!front && heading1) title = heading1[1]!.trim();
  const passages: Passage[] = [];
  const chunks = body.split(/^## /m);
  const intro = chunks.shift()?.replace(/^# .+$/m, '').trim();
  if (intro) passages.push(make(title, '正文', intro, sourceFile, passages.length));
  for (const chunk of chunks) {
    const [head, ...rest] = chunk.split('\n');
    const text = rest.join('\n').trim();
    if (text) passages.push(make(title, head!.trim(), text, sourceFile, passages.length));
  }
  return passages;
}

export function passagesFromText(text: string, title: string, file?: string): Passage[] {
  const passages: Passage[] = [];
  let section = '正文';
  let top = '';
  let buf: string[] = [];
  const flush = () => {
    if (buf.length) passages.push(make(title, section, buf.join('\n'), file, passages.length));
    buf = [];
  };
  for (const raw of text.replace(/\r\n/g, '\n').split('\n')) {
    const line = raw.replace(/\s+/g, ' ').trim();
    if (!line) continue;
    const m = HEADING.exec(line);
    const article = m && /^第.+条$/.test(m[1]!) && line.length > m[1]!.length;
    if (m && line.length <= 40 && !article) {
      flush();
      if (/^[一二三四五六七八九十]+、|^第.+章/.test(line)) {
        top = line;
        section = line;
      } else section = top && !line.startsWith('第') ? `${top} ${line}` : line;
    } else if (article) {
      flush();
      section = m[1]!;
      buf.push(line.slice(m[1]!.length).trim());
    } else buf.push(line);
  }
  flush();
  return passages;
}

/** .docx readers, loaded at the first upload (they are large and most starts never need them). */
const loadMammoth = async () => (await import('mammoth')).default;
const loadJSZip = async () => (await import('jszip')).default;

export async function passagesFromDocx(buffer: Buffer, title: string, file?: string): Promise<Passage[]> {
  const { value } = await (await loadMammoth()).extractRawText({ buffer });
  return passagesFromText(value, title, file);
}

/**
 * Limits on an uploaded document, checked before the expensive step each guards: a 52 KB .docx
 * can unzip to 50 MB of text (GBs while reading it) and a small file can make tens of thousands
 * of passages, each of which the index then carries.
 */
export const DOCUMENT_LIMITS = {
  /** All entries of a .docx together, decompressed — counted while inflating, before mammoth reads it. */
  unzippedBytes: 20 * 1024 * 1024,
  /** The document's text. */
  textChars: 1_000_000,
  passages: 2000,
  passageChars: 20_000,
};

/** A document over one of DOCUMENT_LIMITS; `code` is stable, the message is for the operator. */
export class DocumentLimitError extends Error {
  constructor(readonly code: 'document_unzipped_too_large' | 'document_text_too_long' | 'too_many_passages' | 'passage_too_long', message: string) {
    super(message);
    this.name = 'DocumentLimitError';
  }
}

/** Inflate every entry of the zip, counting bytes, and refuse once the total passes the limit. */
async function checkUnzippedSize(buffer: Buffer, limit: number): Promise<void> {
  const zip = await (await loadJSZip()).loadAsync(buffer);
  let total = 0;
  for (const file of Object.values(zip.files)) {
    if (file.dir) continue;
    await new Promise<void>((resolve, reject) => {
      const stream = file.nodeStream('nodebuffer');
      stream
        .on('data', (chunk: Buffer) => {
          total += chunk.length;
          if (total > limit) {
            stream.pause();
            reject(new DocumentLimitError('document_unzipped_too_large', `文档解压后超过 ${Math.round(limit / 1024 / 1024)} MB，请拆分后再上传`));
          }
        })
        .on('error', reject)
        .on('end', () => resolve());
    });
  }
}

function checkPassages(passages: Passage[]): Passage[] {
  if (passages.length > DOCUMENT_LIMITS.passages) {
    throw new DocumentLimitError('too_many_passages', `文档分出 ${passages.length} 段，超过 ${DOCUMENT_LIMITS.passages} 段的上限，请拆分后再上传`);
  }
  const long = passages.find((p) => p.body.length > DOCUMENT_LIMITS.passageChars);
  if (long) throw new DocumentLimitError('passage_too_long', `“${long.section.slice(0, 30)}”一节超过 ${DOCUMENT_LIMITS.passageChars} 字，请加上小标题分节后再上传`);
  return passages;
}

function checkText(text: string): string {
  if (text.length > DOCUMENT_LIMITS.textChars) throw new DocumentLimitError('document_text_too_long', `文档文字超过 ${DOCUMENT_LIMITS.textChars} 字，请拆分后再上传`);
  return text;
}

/** Any supported document by its file name, within DOCUMENT_LIMITS (DocumentLimitError otherwise). */
export async function ingestDocument(name: string, content: Buffer, title?: string): Promise<Passage[]> {
  const ext = path.extname(name).toLowerCase();
  const docTitle = title ?? path.basename(name, ext);
  if (ext === '.md') return checkPassages(passagesFromMarkdown(checkText(content.toString('utf8')), docTitle, name));
  if (ext === '.txt') return checkPassages(passagesFromText(checkText(content.toString('utf8')), docTitle, name));
  if (ext === '.docx') {
    await checkUnzippedSize(content, DOCUMENT_LIMITS.unzippedBytes);
    const { value } = await (await loadMammoth()).extractRawText({ buffer: content });
    return checkPassages(passagesFromText(checkText(value), docTitle, name));
  }
  throw new Error(`不支持的文件类型：${ext || name}（支持 .md、.txt、.docx）`);
}

/** The passages written from the seeds (knowledge/passages/*.md). */
export function seedPassages(dir = PASSAGES_DIR): Passage[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .flatMap((f) => passagesFromMarkdown(readFileSync(path.join(dir, f), 'utf8'), f, undefined).map((p) => ({ ...p, id: `${f}#${p.id}` })));
}

function make(document: string, section: string, body: string, file: string | undefined, n: number): Passage {
  return { id: String(n + 1), document, section, file, body };
}
