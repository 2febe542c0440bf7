// Draw the tab-bar icons (81×81 PNG, grey and selected blue) into src/icons/: `node miniapp/icons.mjs`.
// Shapes are inside-tests on a 4×4 supersampled grid; the PNG encoder is Node's zlib.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 81;
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'src', 'icons');
const COLORS = { normal: [0x52, 0x60, 0x6d], active: [0x0b, 0x5c, 0xad] };

const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const rect = (x0, y0, x1, y1, r = 0) => (x, y) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const ellipse = (cx, cy, rx, ry) => (x, y) => ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
const union = (...s) => (x, y) => s.some((f) => f(x, y));
const minus = (a, ...b) => (x, y) => a(x, y) && !b.some((f) => f(x, y));
const ring = (outer, inner) => minus(outer, inner);
const below = (y0, f) => (x, y) => y <= y0 && f(x, y);
const triangle = (ax, ay, bx, by, cx, cy) => (x, y) => {
  const s = (px, py, qx, qy) => (x - qx) * (py - qy) - (px - qx) * (y - qy);
  const d1 = s(ax, ay, bx, by), d2 = s(bx, by, cx, cy), d3 = s(cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
};

const segment = (x0, y0, x1, y1, w) => (x, y) => {
  const dx = x1 - x0, dy = y1 - y0;
  const t = Math.min(1, Math.max(0, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy)));
  return (x - x0 - t * dx) ** 2 + (y - y0 - t * dy) ** 2 <= (w / 2) ** 2;
};

const person = (cx, top, scale = 1) =>
  union(circle(cx, top + 11 * scale, 11 * scale), below(top + 47 * scale, ellipse(cx, top + 47 * scale, 21 * scale, 21 * scale)));

const ICONS = {
  // 考试: a calendar page
  exams: union(
    ring(rect(12, 17, 69, 70, 7), rect(17, 32, 64, 65, 3)),
    rect(12, 17, 69, 32, 7),
    rect(24, 9, 30, 23, 3),
    rect(51, 9, 57, 23, 3),
    ...[25, 40, 55].flatMap((x) => [rect(x - 4, 39, x + 4, 46, 1.5), rect(x - 4, 52, x + 4, 59, 1.5)]),
  ),
  // 找人: a magnifier over a person
  contacts: union(ring(circle(34, 34, 24), circle(34, 34, 18)), segment(52, 52, 69, 69, 10), person(34, 21, 0.5)),
  // 问答: a speech bubble with three dots
  ask: union(
    minus(union(rect(9, 13, 72, 58, 11), triangle(20, 52, 20, 72, 38, 55)), circle(26, 36, 5), circle(40.5, 36, 5), circle(55, 36, 5)),
  ),
  // 通知: a bell
  notices: union(
    minus(union(circle(40.5, 34, 20), rect(20.5, 34, 60.5, 58)), rect(0, 0, 81, 10)),
    rect(13, 55, 68, 62, 3.5),
    circle(40.5, 67, 6),
    circle(40.5, 13, 5),
  ),
  // 我的: a person in a circle
  mine: union(ring(circle(40.5, 40.5, 34), circle(40.5, 40.5, 28.5)), minus(person(40.5, 18, 0.72), ring(circle(40.5, 40.5, 60), circle(40.5, 40.5, 28.5)))),
};

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(shape, [r, g, b]) {
  const rows = [];
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
    for (let x = 0; x < SIZE; x++) {
      let hits = 0;
      for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (shape(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4)) hits++;
      row.set([r, g, b, Math.round((hits / 16) * 255)], 1 + x * 4);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

mkdirSync(out, { recursive: true });
for (const [name, shape] of Object.entries(ICONS)) {
  writeFileSync(path.join(out, `${name}.png`), png(shape, COLORS.normal));
  writeFileSync(path.join(out, `${name}-active.png`), png(shape, COLORS.active));
}
console.log(`tab icons written to ${path.relative(process.cwd(), out)}`);
