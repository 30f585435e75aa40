import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Secrets and personal data at rest: AES-256-GCM under a 32-byte key that never lives in the database.
 * Used by the notifications module (recipients, template data) and the events module (webhook signing
 * secrets). A key comes from an environment variable (base64 or hex) or, when unset, is generated once
 * into DATA_DIR/secrets/<name>.json (mode 0600, never committed); there is no built-in key. Every instance
 * of a deployment must use the same key: set the variable, or share DATA_DIR.
 */

/** "v1.<iv>.<tag>.<ciphertext>" (base64url parts); `aad` binds the value to its place (e.g. its row id). */
export function seal(key: Buffer, plaintext: string, aad = ''): string {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(aad));
  const ct = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
  return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

export function unseal(key: Buffer, sealed: string, aad = ''): string {
  const [v, iv, tag, ct] = sealed.split('.');
  if (v !== 'v1' || !iv || !tag || ct === undefined) throw new Error('Dữ liệu mã hóa không đúng định dạng');
  const d = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  d.setAAD(Buffer.from(aad));
  d.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([d.update(Buffer.from(ct, 'base64url')), d.final()]).toString('utf8');
}

/** A 32-byte key written as 64 hex digits or base64; null when it is not one. */
export function parseSealKey(v: string): Buffer | null {
  const hex = /^[0-9a-fA-F]{64}$/.test(v) ? Buffer.from(v, 'hex') : null;
  const b = hex ?? Buffer.from(v, 'base64');
  return b.length === 32 ? b : null;
}

/**
 * The key of `envName` when set (a Vietnamese error naming the variable when it is not 32 bytes), else the
 * one kept in DATA_DIR/secrets/<fileName> (`{"key": "<base64>"}`), generated there on first use; two
 * processes starting together keep the same one.
 */
export function sealKeyFrom(env: Readonly<Record<string, string | undefined>>, envName: string, dataDir: string, fileName: string): Buffer {
  const given = env[envName];
  if (given) {
    const k = parseSealKey(given);
    if (!k) throw new Error(`Cấu hình không hợp lệ:\n  - ${envName}: phải là 32 byte, mã hóa base64 hoặc hex`);
    return k;
  }
  const file = path.join(dataDir, 'secrets', fileName);
  const read = () => {
    try {
      return parseSealKey((JSON.parse(fs.readFileSync(file, 'utf8')) as { key: string }).key);
    } catch {
      return null; // first start: generated below
    }
  };
  const existing = read();
  if (existing) return existing;
  const key = crypto.randomBytes(32);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  fs.writeFileSync(tmp, JSON.stringify({ key: key.toString('base64') }), { mode: 0o600 });
  try {
    fs.linkSync(tmp, file); // keep a key another process wrote first
  } catch {
    /* exists */
  }
  fs.rmSync(tmp, { force: true });
  return read() ?? key;
}
