import { createRequire } from 'node:module';
import type * as Fxp from 'fast-xml-parser';

/**
 * WeCom's XML: messages and envelopes of the usual flat shape are read here (flatFields); any
 * other is parsed with a kept library: no entity expansion, no DOCTYPE, values as strings. The
 * library (and its ~30 modules) is loaded at the first message of another shape: an instance
 * that never gets one never holds it.
 */
let loaded: { parser: Fxp.XMLParser; validate: typeof Fxp.XMLValidator.validate } | undefined;
function library() {
  if (!loaded) {
    const { XMLParser, XMLValidator } = createRequire(import.meta.url)('fast-xml-parser') as typeof Fxp;
    loaded = {
      parser: new XMLParser({ processEntities: false, parseTagValue: false, parseAttributeValue: false, ignoreAttributes: true, trimValues: true }),
      validate: (text, options) => XMLValidator.validate(text, options),
    };
  }
  return loaded;
}

export class XmlError extends Error {}

/** WeCom's messages are two levels deep (<xml><Field>); deeper nesting is refused before parsing. */
const MAX_DEPTH = 8;

/** The deepest element nesting, counted in one pass (CDATA, comments and declarations skipped). */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let i = text.indexOf('<');
  while (i !== -1) {
    if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i);
      if (end === -1) break;
      i = text.indexOf('<', end + 3);
      continue;
    }
    const close = text.indexOf('>', i);
    if (close === -1) break;
    const next = text[i + 1];
    if (next === '/') depth -= 1;
    else if (next !== '!' && next !== '?' && text[close - 1] !== '/') max = Math.max(max, ++depth);
    i = text.indexOf('<', close + 1);
  }
  return max;
}

/** The fields of the root <xml> element as strings; throws XmlError when malformed. */
export function parseWecomXml(text: string): Record<string, string> {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new XmlError('DOCTYPE and entities are not accepted');
  const flat = flatFields(text);
  if (flat) return flat;
  if (nestingDepth(text) > MAX_DEPTH) throw new XmlError('XML nested too deeply');
  let doc: { xml?: Record<string, unknown> };
  try {
    const { parser, validate } = library();
    if (validate(text) !== true) throw new XmlError('malformed XML');
    doc = parser.parse(text) as { xml?: Record<string, unknown> };
  } catch (err) {
    if (err instanceof XmlError) throw err;
    throw new XmlError('malformed XML'); // the libraries' own limits (e.g. recursion) are bad input too
  }
  if (!doc.xml || typeof doc.xml !== 'object') throw new XmlError('no <xml> root');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(doc.xml)) if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
  return out;
}

/** `<xml>` and its children as WeCom writes every message and envelope, and nothing else. */
const FLAT_ROOT = /^\s*(?:<\?xml[^<>]*\?>\s*)?<xml>([\s\S]*)<\/xml>\s*$/;
/** One child: its name, then one CDATA section or text without markup, then its end tag. */
const FLAT_FIELD = /\s*<([A-Za-z_][\w.-]*)>(?:<!\[CDATA\[((?:[^\]]|\](?!\]>))*)\]\]>|([^<]*))<\/\1>/y;

/**
 * The common case read without the library: a root <xml> whose children each hold one CDATA
 * section or plain text (what WeCom sends; the library gives the same fields for it: text
 * trimmed, CDATA as it is). Anything else — attributes, nesting, comments, a field twice, mixed content — is
 * undefined, for the library to read (or refuse).
 */
function flatFields(text: string): Record<string, string> | undefined {
  const root = FLAT_ROOT.exec(text);
  if (!root) return undefined;
  const body = root[1]!;
  const out: Record<string, string> = {};
  FLAT_FIELD.lastIndex = 0;
  let at = 0;
  for (let m = FLAT_FIELD.exec(body); m; m = FLAT_FIELD.exec(body)) {
    const [, name, cdata, plain] = m;
    if (Object.hasOwn(out, name!) || name === '__proto__') return undefined;
    out[name!] = cdata ?? plain!.trim();
    at = FLAT_FIELD.lastIndex;
  }
  return body.slice(at).trim() === '' ? out : undefined;
}

/** Build `<xml>…</xml>`; string values in `cdata` are wrapped in CDATA sections, the others escaped. */
export function buildWecomXml(fields: Record<string, string | number>, cdata: string[] = []): string {
  let xml = '<xml>';
  for (const [k, v] of Object.entries(fields)) {
    const value = cdata.includes(k) ? `<![CDATA[${String(v).replace(/]]>/g, ']]]]><![CDATA[>')}]]>` : String(v).replace(/[&<>]/g, (c) => ESCAPES[c]!);
    xml += `<${k}>${value}</${k}>`;
  }
  return `${xml}</xml>`;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
