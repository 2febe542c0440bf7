/**
 * Split a reply into pieces of at most `maxBytes` UTF-8 bytes, preferring line and sentence
 * boundaries (WeCom counts text limits in bytes: 2,048 for app messages, 20,480 for a stream).
 * Linear in the length of the text.
 */
export function splitUtf8(text: string, maxBytes: number): string[] {
  if (Buffer.byteLength(text) <= maxBytes) return [text];
  const pieces: string[] = [];
  let current = '';
  let currentBytes = 0;
  const flush = () => {
    if (current.trim()) pieces.push(current.trimEnd());
    current = '';
    currentBytes = 0;
  };
  for (const part of text.split(/(?<=\n)|(?<=[。！？；])/)) {
    const bytes = Buffer.byteLength(part);
    if (currentBytes + bytes > maxBytes) flush();
    if (bytes <= maxBytes) {
      current += part;
      currentBytes += bytes;
      continue;
    }
    for (const ch of part) {
      const b = Buffer.byteLength(ch);
      if (currentBytes + b > maxBytes) flush();
      current += ch;
      currentBytes += b;
    }
  }
  flush();
  return pieces;
}
