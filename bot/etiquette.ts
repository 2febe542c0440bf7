/**
 * Chat etiquette for the group bot: when a message is for the bot, and how long replies are
 * split. Pure functions, so they are easy to test and the same for every puppet.
 */

/** WeChat accepts long texts, but a reply over ~1,500 characters reads badly; split before that. */
export const WECHAT_REPLY_LIMIT = 1500;

/**
 * The question in a message, or undefined when it is not for the bot.
 * In a group: only when @-mentioned or when it starts with a keyword; in a private chat: always.
 */
export function addressedText(opts: { text: string; inRoom: boolean; mentioned: boolean; mentionFreeText?: string; keywords: string[] }): string | undefined {
  const text = opts.text.trim();
  if (!opts.inRoom) return text || undefined;
  if (opts.mentioned) return (opts.mentionFreeText ?? text.replace(/@\S+\s?/g, '')).trim() || undefined;
  for (const k of opts.keywords) {
    if (k && text.startsWith(k)) return text.slice(k.length).replace(/^[\s,，:：]+/, '').trim() || undefined;
  }
  return undefined;
}

/** Split on line or sentence boundaries into pieces of at most `limit` characters. */
export function splitReply(text: string, limit = WECHAT_REPLY_LIMIT): string[] {
  if (text.length <= limit) return [text];
  const pieces: string[] = [];
  let current = '';
  for (const part of text.split(/(?<=\n)|(?<=[。！？；])/)) {
    if (current.length + part.length > limit && current) {
      pieces.push(current.trimEnd());
      current = '';
    }
    if (part.length > limit) {
      for (let i = 0; i < part.length; i += limit) pieces.push(part.slice(i, i + limit));
      continue;
    }
    current += part;
  }
  if (current.trim()) pieces.push(current.trimEnd());
  return pieces;
}
