import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * A small scanner for the boundaries check: the string literals of a TypeScript/JavaScript
 * source (comments skipped, regular-expression literals skipped), and whether one of them is SQL.
 */

/** The contents of every string and template literal in `source`, in order. */
export function stringLiterals(source: string): string[] {
  const out: string[] = [];
  let i = 0;
  let prev = ''; // last significant character outside strings and comments
  const n = source.length;
  const readQuoted = (quote: string): string => {
    let s = '';
    i++;
    while (i < n && source[i] !== quote) {
      if (source[i] === '\\') {
        s += source[i + 1] ?? '';
        i += 2;
        continue;
      }
      if (quote === '`' && source[i] === '$' && source[i + 1] === '{') {
        // keep the expression as a placeholder, skipping nested braces and strings
        let depth = 1;
        i += 2;
        while (i < n && depth > 0) {
          const c = source[i]!;
          if (c === '{') depth++;
          else if (c === '}') depth--;
          else if (c === '`' || c === '"' || c === "'") {
            out.push(readQuoted(c));
            continue;
          }
          i++;
        }
        s += '$1';
        continue;
      }
      s += source[i];
      i++;
    }
    i++; // closing quote
    return s;
  };
  while (i < n) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      while (i < n && source[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === '"' || c === "'" || c === '`') {
      out.push(readQuoted(c));
      prev = c;
    } else if (c === '/' && (prev === '' || '(,=:[!&|?{};+-*%<>~^'.includes(prev) || /\b(return|typeof|case|of|in)$/.test(source.slice(Math.max(0, i - 8), i).trimEnd()))) {
      // a regular-expression literal
      let inClass = false;
      i++;
      while (i < n && source[i] !== '\n') {
        const r = source[i]!;
        if (r === '\\') i++;
        else if (r === '[') inClass = true;
        else if (r === ']') inClass = false;
        else if (r === '/' && !inClass) break;
        i++;
      }
      i++;
      prev = '/';
    } else {
      if (!/\s/.test(c)) prev = c;
      i++;
    }
  }
  return out;
}

/**
 * SQL as this code base writes it: keywords all lower case (or all upper case), so that prose
 * ("Select a file from …") is not taken for a statement. Each pattern is tried in both cases.
 */
const SQL_SHAPES = [
  String.raw`^\s*select\s+(?:\d|\*|[a-z_]+\()`,
  String.raw`\bselect\s[\s\S]*?\bfrom\s+[a-z_]`,
  String.raw`\binsert\s+into\s+[a-z_]`,
  String.raw`\bupdate\s+[a-z_]+(?:\s+[a-z_]+)?\s+set\s+[a-z_]`,
  String.raw`\bdelete\s+from\s+[a-z_]`,
  String.raw`\bon\s+conflict\b`,
  String.raw`^\s*with\s+[a-z_]+\s+as\s*\(`,
  String.raw`^\s*(?:create|alter|drop|truncate)\s+(?:table|index|schema|extension|unique|view)\b`,
  String.raw`^\s*(?:begin|commit|rollback)\s*;?\s*$`,
];
/** The same shape in upper case (escapes such as \s kept; identifiers in either case). */
const upperCase = (shape: string) => shape.replace(/(\\.)|([a-z])/g, (_m, esc: string | undefined, ch: string) => esc ?? ch.toUpperCase()).replace(/\[A-Z_\]/g, '[A-Za-z_]');
const SQL_PATTERNS: RegExp[] = SQL_SHAPES.flatMap((shape) => [new RegExp(shape), new RegExp(upperCase(shape))]);

/** Whether a string literal is (a piece of) SQL. */
export function isSql(text: string): boolean {
  return SQL_PATTERNS.some((p) => p.test(text));
}

/** The SQL string literals of a source file. */
export function sqlIn(source: string): string[] {
  return stringLiterals(source).filter(isSql);
}

/** Source files (.ts, .mjs, .js) under `dirs`, relative to `root` with forward slashes. */
export function sourceFiles(root: string, dirs: string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|mts|mjs|js)$/.test(name) && !name.endsWith('.d.ts')) files.push(relative(root, path).split(sep).join('/'));
    }
  };
  for (const d of dirs) walk(join(root, d));
  return files.sort();
}

export const readSource = (root: string, file: string) => readFileSync(join(root, file), 'utf8');
