import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { TrustedKey } from './domain/exchange-chain.ts';

/**
 * The Ed25519 keys of the exchange log (ADR 0146). One key signs; the keys it replaced stay trusted for the
 * entries they signed, so `lienthong exchange verify` checks every entry with the key named in it.
 *
 * - Generated (the default): DATA_DIR/secrets/exchange.json (mode 0600) holds the signing key and the public
 *   keys it replaced, each with the last entry it could sign (`lastSeq`): an entry after that signed with a
 *   retired key is refused, so an old private key that leaked cannot add entries. `lienthong exchange
 *   rotate-key` replaces the key (instances sharing DATA_DIR pick the new one up at their next entry: the
 *   file is read again when it changes).
 * - Given: EXCHANGE_SIGNING_KEY (PKCS#8 PEM) signs; EXCHANGE_RETIRED_PUBLIC_KEYS (PEM public keys, one after
 *   the other) are the keys it replaced. Rotating is then the operator's: a new EXCHANGE_SIGNING_KEY, and the
 *   old public key added to EXCHANGE_RETIRED_PUBLIC_KEYS.
 */
export interface ExchangeSigningKey {
  id: string;
  privateKey: crypto.KeyObject;
  publicKey: crypto.KeyObject;
}

interface RetiredKey {
  keyId: string;
  publicKeyPem: string;
  retiredAt: string;
  /** The last entry of the log when it was retired: it signed none after. */
  lastSeq: number;
}

interface KeyFile {
  privateKeyPem: string;
  retired?: RetiredKey[];
}

/** The key id written with each entry: the first 16 hex digits of the SHA-256 of the public key (SPKI DER). */
export function exchangeKeyId(publicKey: crypto.KeyObject): string {
  return crypto.createHash('sha256').update(publicKey.export({ format: 'der', type: 'spki' })).digest('hex').slice(0, 16);
}

const invalid = (m: string) => new Error(`Cấu hình tích hợp không hợp lệ:\n  - ${m}`);

function signingKeyOf(pem: string, source: string): ExchangeSigningKey {
  const privateKey = crypto.createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw invalid(`${source}: phải là khóa Ed25519`);
  const publicKey = crypto.createPublicKey(privateKey);
  return { id: exchangeKeyId(publicKey), privateKey, publicKey };
}

const newPrivatePem = () => crypto.generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

/** Writes the key file atomically (a temporary file renamed over it), mode 0600. */
function writeKeyFile(file: string, content: KeyFile): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  fs.writeFileSync(tmp, JSON.stringify(content, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, file);
}

export function createExchangeKeys(opts: { dataDir: string; signingKeyPem?: string; retiredPublicKeysPem?: string }) {
  const file = path.join(opts.dataDir, 'secrets', 'exchange.json');
  const given = opts.signingKeyPem ? signingKeyOf(opts.signingKeyPem, 'EXCHANGE_SIGNING_KEY') : null;
  const givenRetired = (opts.retiredPublicKeysPem?.match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? []).map((pem) => {
    const publicKey = crypto.createPublicKey(pem);
    if (publicKey.asymmetricKeyType !== 'ed25519') throw invalid('EXCHANGE_RETIRED_PUBLIC_KEYS: chỉ gồm khóa công khai Ed25519');
    return publicKey;
  });
  if (opts.retiredPublicKeysPem && !givenRetired.length) throw invalid('EXCHANGE_RETIRED_PUBLIC_KEYS: phải là các khóa công khai Ed25519 dạng PEM');

  let loaded: { stamp: string; content: KeyFile; key: ExchangeSigningKey } | null = null;
  const stampOf = () => {
    try {
      const s = fs.statSync(file);
      return `${s.mtimeMs}:${s.size}:${s.ino}`;
    } catch {
      return '';
    }
  };
  /** The key file, read again when it changed (another process rotated the key); created on first use. */
  function keyFile(): { content: KeyFile; key: ExchangeSigningKey } {
    let stamp = stampOf();
    if (loaded && loaded.stamp === stamp) return loaded;
    if (!stamp) {
      const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      fs.writeFileSync(tmp, JSON.stringify({ privateKeyPem: newPrivatePem(), retired: [] } satisfies KeyFile, null, 2), { mode: 0o600 });
      try {
        fs.linkSync(tmp, file); // keep a key another process wrote first
      } catch {
        /* exists */
      }
      fs.rmSync(tmp, { force: true });
      stamp = stampOf();
    }
    const content = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile;
    if (!content.privateKeyPem) throw invalid(`${file}: thiếu privateKeyPem`);
    loaded = { stamp, content, key: signingKeyOf(content.privateKeyPem, file) };
    return loaded;
  }

  return {
    /** Where the keys come from: the environment, or the generated key file. */
    source: (given ? 'env' : 'file') as 'env' | 'file',

    /** The key that signs new entries now. */
    signing(): ExchangeSigningKey {
      return given ?? keyFile().key;
    },

    /** Every key an entry may be signed with: the signing key, and the retired ones up to their last entry. */
    trusted(): Map<string, TrustedKey> {
      const keys = new Map<string, TrustedKey>();
      if (given) {
        for (const k of givenRetired) keys.set(exchangeKeyId(k), { publicKey: k, lastSeq: null });
        keys.set(given.id, { publicKey: given.publicKey, lastSeq: null });
        return keys;
      }
      const { content, key } = keyFile();
      for (const r of content.retired ?? []) keys.set(r.keyId, { publicKey: crypto.createPublicKey(r.publicKeyPem), lastSeq: r.lastSeq });
      keys.set(key.id, { publicKey: key.publicKey, lastSeq: null });
      return keys;
    },

    /**
     * Replaces the signing key by a new one; the old one stays trusted for the entries up to `lastSeq` (the
     * log's last entry: the caller holds the log's lock). Refused when the key is given by the environment.
     */
    rotate(lastSeq: number): { retired: string; current: string } {
      if (given)
        throw new Error(
          `Khóa ký nhật ký trao đổi do EXCHANGE_SIGNING_KEY cung cấp: đặt khóa mới vào EXCHANGE_SIGNING_KEY và thêm khóa công khai cũ vào EXCHANGE_RETIRED_PUBLIC_KEYS:\n${given.publicKey.export({ format: 'pem', type: 'spki' }).toString()}`,
        );
      const { content, key } = keyFile();
      const retired: RetiredKey = { keyId: key.id, publicKeyPem: key.publicKey.export({ format: 'pem', type: 'spki' }).toString(), retiredAt: new Date().toISOString(), lastSeq };
      writeKeyFile(file, { privateKeyPem: newPrivatePem(), retired: [...(content.retired ?? []), retired] });
      return { retired: key.id, current: keyFile().key.id };
    },
  };
}

export type ExchangeKeys = ReturnType<typeof createExchangeKeys>;
