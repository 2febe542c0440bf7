import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mammoth from 'mammoth';
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

export async function passagesFromDocx(buffer: Buffer, title: string, file?: string): Promise<Passage[]> {
  const { value } = await mammoth.extractRawText({ buffer });
  return passagesFromText(value, title, file);
}

/** Any supported document by its file name. */
export async function ingestDocument(name: string, content: Buffer, title?: string): Promise<Passage[]> {
  const ext = path.extname(name).toLowerCase();
  const docTitle = title ?? path.basename(name, ext);
  if (ext === '.md') return passagesFromMarkdown(content.toString('utf8'), docTitle, name);
  if (ext === '.txt') return passagesFromText(content.toString('utf8'), docTitle, name);
  if (ext === '.docx') return passagesFromDocx(content, docTitle, name);
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
