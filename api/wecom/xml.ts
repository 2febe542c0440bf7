import { createRequire } from 'node:module';
import type * as Fxp from 'fast-xml-parser';

/**
 * WeCom's XML, parsed with a kept library: no entity expansion, no DOCTYPE, values as strings.
 * The library (and its ~30 modules) is loaded at the first WeCom message: an instance without
 * WeCom never holds it.
 */
let loaded: { parser: Fxp.XMLParser; builder: Fxp.XMLBuilder; validate: typeof Fxp.XMLValidator.validate } | undefined;
function library() {
  if (!loaded) {
    const { XMLBuilder, XMLParser, XMLValidator } = createRequire(import.meta.url)('fast-xml-parser') as typeof Fxp;
    loaded = {
      parser: new XMLParser({ processEntities: false, parseTagValue: false, parseAttributeValue: false, ignoreAttributes: true, trimValues: true }),
      builder: new XMLBuilder({ cdataPropName: '__cdata', format: false }),
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

/** Build `<xml>…</xml>`; string values in `cdata` are wrapped in CDATA sections. */
export function buildWecomXml(fields: Record<string, string | number>, cdata: string[] = []): string {
  const xml: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) xml[k] = cdata.includes(k) ? { __cdata: String(v).replace(/]]>/g, ']]]]><![CDATA[>') } : v;
  return library().builder.build({ xml }) as string;
}
