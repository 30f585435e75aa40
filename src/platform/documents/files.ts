import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Problem } from '../errors.ts';

/**
 * A small store for dossier files (scans, attachments, results). Keys are opaque
 * ("YYYY/MM/<uuid>"), the SHA-256 and size of every file are recorded, and writes are atomic: the
 * bytes go to a temporary file that is renamed into place only when complete, so a reader never sees
 * half a file. The local implementation keeps everything under DATA_DIR/files; an S3-like store can
 * implement the same interface later.
 */
export interface FileMeta {
  /** The detected media type (from the content, see checkUpload). */
  contentType?: string;
  /** The name the file was uploaded with (for display only; never used as a path). */
  filename?: string;
}

export interface StoredFile extends FileMeta {
  key: string;
  sha256: string;
  size: number;
  createdAt: string;
}

export interface PutOptions {
  /** Refuse (and delete) the file when it grows beyond this many bytes. */
  maxBytes?: number;
}

export interface FileStore {
  put(body: Readable | Uint8Array, meta?: FileMeta, opts?: PutOptions): Promise<StoredFile>;
  /** The whole file, or null when the key is unknown. */
  get(key: string): Promise<{ body: Buffer; info: StoredFile } | null>;
  /** A stream of the file, or null when the key is unknown. */
  open(key: string): Promise<{ stream: Readable; info: StoredFile } | null>;
  stat(key: string): Promise<StoredFile | null>;
  /** True when something was deleted. */
  delete(key: string): Promise<boolean>;
}

const KEY = /^\d{4}\/\d{2}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True for keys this store can have issued (anything else is refused before touching the disk). */
export function isFileKey(key: string): boolean {
  return KEY.test(key);
}

export function fileTooLarge(maxBytes: number): Problem {
  return new Problem(413, 'file-too-large', 'Tệp quá lớn', `Tệp vượt quá dung lượng cho phép (tối đa ${formatBytes(maxBytes)}).`, { maxBytes });
}

/** 10485760 → "10 MB" */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`.replace('.', ',');
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} byte`;
}

export class LocalFileStore implements FileStore {
  constructor(readonly root: string) {}

  private paths(key: string) {
    if (!isFileKey(key)) return null;
    const file = path.join(this.root, key);
    return { file, meta: `${file}.json` };
  }

  async put(body: Readable | Uint8Array, meta: FileMeta = {}, opts: PutOptions = {}): Promise<StoredFile> {
    const now = new Date();
    const id = crypto.randomUUID();
    const key = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${id}`;
    const p = this.paths(key)!;
    const tmpDir = path.join(this.root, '.tmp');
    await fsp.mkdir(tmpDir, { recursive: true });
    await fsp.mkdir(path.dirname(p.file), { recursive: true });
    const tmp = path.join(tmpDir, `${id}.part`);
    const hash = crypto.createHash('sha256');
    let size = 0;
    const max = opts.maxBytes ?? Infinity;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > max) return cb(fileTooLarge(max));
        hash.update(chunk);
        cb(null, chunk);
      },
    });
    const source = body instanceof Readable ? body : Readable.from([Buffer.from(body)]);
    try {
      await pipeline(source, meter, fs.createWriteStream(tmp, { flags: 'wx', mode: 0o640 }));
      const fh = await fsp.open(tmp, 'r');
      await fh.sync();
      await fh.close();
      const info: StoredFile = { key, sha256: hash.digest('hex'), size, createdAt: now.toISOString(), ...pickMeta(meta) };
      await fsp.rename(tmp, p.file);
      const metaTmp = path.join(tmpDir, `${id}.json.part`);
      await fsp.writeFile(metaTmp, JSON.stringify(info), { mode: 0o640 });
      await fsp.rename(metaTmp, p.meta);
      return info;
    } catch (err) {
      await fsp.rm(tmp, { force: true });
      await fsp.rm(p.file, { force: true });
      throw err;
    }
  }

  async stat(key: string): Promise<StoredFile | null> {
    const p = this.paths(key);
    if (!p) return null;
    try {
      return JSON.parse(await fsp.readFile(p.meta, 'utf8')) as StoredFile;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async get(key: string): Promise<{ body: Buffer; info: StoredFile } | null> {
    const info = await this.stat(key);
    if (!info) return null;
    return { body: await fsp.readFile(this.paths(key)!.file), info };
  }

  async open(key: string): Promise<{ stream: Readable; info: StoredFile } | null> {
    const info = await this.stat(key);
    if (!info) return null;
    return { stream: fs.createReadStream(this.paths(key)!.file), info };
  }

  async delete(key: string): Promise<boolean> {
    const p = this.paths(key);
    if (!p) return false;
    const existed = (await this.stat(key)) !== null;
    // the meta file goes first: without it the file is invisible, so a crash in between leaves no half entry
    await fsp.rm(p.meta, { force: true });
    await fsp.rm(p.file, { force: true });
    return existed;
  }
}

function pickMeta(meta: FileMeta): FileMeta {
  const out: FileMeta = {};
  if (meta.contentType) out.contentType = meta.contentType;
  if (meta.filename) out.filename = path.basename(meta.filename).slice(0, 255);
  return out;
}

/** The local file store of a deployment: DATA_DIR/files. */
export function openLocalFileStore(dataDir: string): LocalFileStore {
  return new LocalFileStore(path.join(dataDir, 'files'));
}
