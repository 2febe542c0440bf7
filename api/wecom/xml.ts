import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * WeCom's XML, parsed with a kept library: no entity expansion, no DOCTYPE, values as strings.
 */
const parser = new XMLParser({
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreAttributes: true,
  trimValues: true,
});

const builder = new XMLBuilder({ cdataPropName: '__cdata', format: false });

export class XmlError extends Error {}

/** The fields of the root <xml> element as strings; throws XmlError when malformed. */
export function parseWecomXml(text: string): Record<string, string> {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new XmlError('DOCTYPE and entities are not accepted');
  if (XMLValidator.validate(text) !== true) throw new XmlError('malformed XML');
  const doc = parser.parse(text) as { xml?: Record<string, unknown> };
  if (!doc.xml || typeof doc.xml !== 'object') throw new XmlError('no <xml> root');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(doc.xml)) if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
  return out;
}

/** Build `<xml>…</xml>`; string values in `cdata` are wrapped in CDATA sections. */
export function buildWecomXml(fields: Record<string, string | number>, cdata: string[] = []): string {
  const xml: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) xml[k] = cdata.includes(k) ? { __cdata: String(v).replace(/]]>/g, ']]]]><![CDATA[>') } : v;
  return builder.build({ xml }) as string;
}
