/**
 * A minimal DER (ASN.1) writer and reader: just what the CMS signer needs. Pure functions over Buffers.
 */

export const TAG = {
  INTEGER: 0x02,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8: 0x0c,
  SEQUENCE: 0x30,
  SET: 0x31,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
} as const;

function encodeLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** One TLV with the given tag byte. */
export function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), encodeLength(body.length), body]);
}

export const seq = (...items: Buffer[]) => tlv(TAG.SEQUENCE, ...items);

/** SET OF in DER order (elements sorted by their encodings). */
export function setOf(...items: Buffer[]): Buffer {
  return tlv(TAG.SET, ...[...items].sort(Buffer.compare));
}

export const octets = (b: Buffer) => tlv(TAG.OCTET_STRING, b);
export const derNull = () => Buffer.from([TAG.NULL, 0]);

/** Context-specific tag [n], constructed (explicit tagging, or implicit for a constructed type). */
export const ctx = (n: number, ...content: Buffer[]) => tlv(0xa0 | n, ...content);

/** Replaces the tag byte of an encoded value (implicit tagging of a constructed value). */
export function retag(encoded: Buffer, tag: number): Buffer {
  const out = Buffer.from(encoded);
  out[0] = tag;
  return out;
}

export function integer(value: number | Buffer): Buffer {
  let b: Buffer;
  if (typeof value === 'number') {
    const bytes: number[] = [];
    let v = value;
    do {
      bytes.unshift(v & 0xff);
      v = Math.floor(v / 256);
    } while (v > 0);
    b = Buffer.from(bytes);
  } else b = value;
  if (b[0]! & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return tlv(TAG.INTEGER, b);
}

export function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  if (parts.length < 2 || parts.some((p) => !Number.isInteger(p) || p < 0)) throw new Error(`OID không hợp lệ: ${dotted}`);
  const bytes: number[] = [parts[0]! * 40 + parts[1]!];
  for (const p of parts.slice(2)) {
    const chunk: number[] = [p & 0x7f];
    for (let v = Math.floor(p / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(TAG.OID, Buffer.from(bytes));
}

export function utcTime(d: Date): Buffer {
  const s = d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
  return tlv(TAG.UTC_TIME, Buffer.from(s, 'ascii'));
}

/** A parsed DER element: its tag, the full encoding and the content. */
export interface DerNode {
  tag: number;
  /** The whole element (tag, length and content). */
  raw: Buffer;
  content: Buffer;
}

/** Reads one element at `offset`. */
export function readNode(buf: Buffer, offset = 0): DerNode {
  const tag = buf[offset];
  if (tag === undefined) throw new Error('DER: hết dữ liệu');
  let len = buf[offset + 1]!;
  let head = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new Error('DER: độ dài không hỗ trợ');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[offset + 2 + i]!;
    head += n;
  }
  const end = offset + head + len;
  if (end > buf.length) throw new Error('DER: độ dài vượt quá dữ liệu');
  return { tag, raw: buf.subarray(offset, end), content: buf.subarray(offset + head, end) };
}

/** The child elements of a constructed element. */
export function children(node: DerNode): DerNode[] {
  const out: DerNode[] = [];
  for (let off = 0; off < node.content.length; ) {
    const c = readNode(node.content, off);
    out.push(c);
    off += c.raw.length;
  }
  return out;
}

/** The issuer Name and serial number of an X.509 certificate, as their exact DER encodings. */
export function certificateIssuerAndSerial(certDer: Buffer): { issuer: Buffer; serial: Buffer } {
  const cert = readNode(certDer);
  const tbs = children(cert)[0];
  if (!tbs) throw new Error('Chứng thư số không hợp lệ');
  const fields = children(tbs);
  const i = fields[0]?.tag === 0xa0 ? 1 : 0; // optional [0] version
  const serial = fields[i];
  const issuer = fields[i + 2];
  if (!serial || serial.tag !== TAG.INTEGER || !issuer || issuer.tag !== TAG.SEQUENCE) throw new Error('Chứng thư số không hợp lệ');
  return { issuer: issuer.raw, serial: serial.raw };
}
