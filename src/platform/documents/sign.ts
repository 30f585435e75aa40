import crypto from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFInvalidObject, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import { SignPdf, Signer } from '@signpdf/signpdf';
import { buildDetachedCms, type CmsProfile, OIDS } from './cms.ts';
import { children, readNode, TAG } from './der.ts';
import { loadKeyStore, type LoadedKeyStore } from './pki.ts';

/**
 * Digital signatures on PDFs (PAdES baseline B-B by default): a signature field and dictionary are
 * added with pdf-lib, then @signpdf/signpdf computes the byte range and our CMS signer (cms.ts) builds
 * the detached signature with the ESS signing-certificate-v2 attribute.
 *
 * Verify with poppler: `pdfsig file.pdf` → "Signature is Valid." (see docs/papers.md).
 */
export const SUBFILTER_CADES = 'ETSI.CAdES.detached';
export const SUBFILTER_PKCS7 = 'adbe.pkcs7.detached';
export type SignatureSubFilter = typeof SUBFILTER_CADES | typeof SUBFILTER_PKCS7;

export interface SignPdfOptions {
  /** The PKCS#12 key store of the signing unit (or `keyStore`, already opened with loadKeyStore). */
  p12?: Uint8Array;
  passphrase?: string;
  /** An opened key store: saves the ~0.1 s of opening the p12 when signing many documents. */
  keyStore?: LoadedKeyStore;
  /** E.g. "Ký số kết quả giải quyết thủ tục hành chính". */
  reason: string;
  /** E.g. "Xã Tân Lạc, tỉnh Phú Thọ". */
  location: string;
  /** The signer's name as shown by readers (defaults to the certificate's common name). */
  name?: string;
  contactInfo?: string;
  signingTime?: Date;
  /** Default: ETSI.CAdES.detached (PAdES). */
  subFilter?: SignatureSubFilter;
  /** Bytes reserved for the signature (default 16384). */
  signatureLength?: number;
}

/** A text string in a PDF dictionary: PDFDocEncoding for ASCII, UTF-16BE otherwise (Vietnamese). */
function pdfText(s: string): PDFString | PDFHexString {
  // eslint-disable-next-line no-control-regex
  return /^[\x20-\x7E]*$/.test(s) ? PDFString.of(s) : PDFHexString.fromText(s.normalize('NFC'));
}

const BYTE_RANGE_PLACEHOLDER = '**********';

/** Adds an invisible signature field on the first page with an empty /Contents of `signatureLength` bytes. */
function addSignaturePlaceholder(doc: PDFDocument, o: { reason: string; location: string; name: string; contactInfo: string; signingTime: Date; subFilter: string; signatureLength: number }): void {
  const byteRange = PDFArray.withContext(doc.context);
  byteRange.push(PDFNumber.of(0));
  for (let i = 0; i < 3; i++) byteRange.push(PDFName.of(BYTE_RANGE_PLACEHOLDER));
  const sigDict = doc.context.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: o.subFilter,
    ByteRange: byteRange,
    Contents: PDFHexString.of('0'.repeat(o.signatureLength * 2)),
    Reason: pdfText(o.reason),
    M: PDFString.fromDate(o.signingTime),
    ContactInfo: pdfText(o.contactInfo),
    Name: pdfText(o.name),
    Location: pdfText(o.location),
    Prop_Build: { App: { Name: PDFName.of('LienThong') } },
  });
  // serialised as-is (never inside an object stream), so that the byte range can be found and filled
  const bytes = new Uint8Array(sigDict.sizeInBytes());
  sigDict.copyBytesInto(bytes, 0);
  const sigRef = doc.context.register(PDFInvalidObject.of(bytes));
  const page = doc.getPages()[0];
  if (!page) throw new Error('Tệp PDF không có trang nào');
  const rect = doc.context.obj([0, 0, 0, 0]);
  const ap = doc.context.formXObject([], { BBox: [0, 0, 0, 0], Resources: {} });
  const existing = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  const count = existing ? (existing.lookupMaybe(PDFName.of('Fields'), PDFArray)?.size() ?? 0) : 0;
  const widget = doc.context.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: rect,
    V: sigRef,
    T: PDFString.of(`Signature${count + 1}`),
    F: 4,
    P: page.ref,
    AP: { N: doc.context.register(ap) },
  });
  const widgetRef = doc.context.register(widget);
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray) ?? doc.context.obj([]);
  annots.push(widgetRef);
  page.node.set(PDFName.of('Annots'), annots);
  let acroForm = existing;
  if (!acroForm) {
    acroForm = doc.context.obj({ Fields: [] });
    doc.catalog.set(PDFName.of('AcroForm'), doc.context.register(acroForm));
  }
  const fields = acroForm.lookupMaybe(PDFName.of('Fields'), PDFArray) ?? doc.context.obj([]);
  fields.push(widgetRef);
  acroForm.set(PDFName.of('Fields'), fields);
  acroForm.set(PDFName.of('SigFlags'), PDFNumber.of(3)); // signatures exist, append only
}

/** The @signpdf Signer that builds our CMS. */
class CmsSigner extends Signer {
  constructor(
    private readonly keys: LoadedKeyStore,
    private readonly profile: CmsProfile,
  ) {
    super();
  }
  override async sign(content: Buffer, signingTime?: Date): Promise<Buffer> {
    return buildDetachedCms({ content, privateKey: this.keys.privateKey, certificate: this.keys.certificate, chain: this.keys.chain, profile: this.profile, signingTime });
  }
}

/** Signs a PDF with the unit's PKCS#12 key; returns the signed PDF. */
export async function signPdf(pdf: Uint8Array, opts: SignPdfOptions): Promise<Uint8Array> {
  const keys = opts.keyStore ?? (opts.p12 ? loadKeyStore(opts.p12, opts.passphrase ?? '') : null);
  if (!keys) throw new Error('Thiếu khóa ký: truyền p12 và passphrase, hoặc keyStore');
  const subFilter = opts.subFilter ?? SUBFILTER_CADES;
  const signingTime = opts.signingTime ?? new Date();
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  addSignaturePlaceholder(doc, {
    reason: opts.reason,
    location: opts.location,
    name: opts.name ?? keys.commonName,
    contactInfo: opts.contactInfo ?? '',
    signingTime,
    subFilter,
    signatureLength: opts.signatureLength ?? 16384,
  });
  const prepared = await doc.save({ useObjectStreams: false });
  const signed = await new SignPdf().sign(Buffer.from(prepared), new CmsSigner(keys, subFilter === SUBFILTER_CADES ? 'cades' : 'pkcs7'), signingTime);
  return new Uint8Array(signed);
}

export interface SignatureCheck {
  subFilter: string | null;
  /** The message digest in the signature equals the SHA-256 of the signed byte range. */
  digestMatches: boolean;
  /** The RSA signature over the signed attributes verifies with the embedded signer certificate. */
  signatureValid: boolean;
  /** The signature covers the whole file except its own /Contents. */
  coversWholeFile: boolean;
  hasSigningCertificateV2: boolean;
  signerCommonName: string | null;
}

/**
 * Checks the last signature of a PDF without external tools: byte range, message digest and the RSA
 * signature against the embedded certificate. It does not check trust or revocation (pdfsig does).
 */
export function inspectPdfSignature(pdf: Uint8Array): SignatureCheck | null {
  const buf = Buffer.from(pdf);
  const at = buf.lastIndexOf('/ByteRange');
  if (at < 0) return null;
  const m = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(buf.subarray(at, at + 120).toString('latin1'));
  if (!m) return null;
  const [a, b, c, d] = m.slice(1).map(Number) as [number, number, number, number];
  const signedBytes = Buffer.concat([buf.subarray(a, a + b), buf.subarray(c, c + d)]);
  const hex = buf.subarray(a + b + 1, c - 1).toString('latin1');
  const dictStart = buf.lastIndexOf('<<', at);
  const sub = /\/SubFilter\s*\/([A-Za-z0-9.]+)/.exec(buf.subarray(dictStart, c).toString('latin1'))?.[1] ?? null;
  const cms = Buffer.from(hex, 'hex');
  const result: SignatureCheck = { subFilter: sub, digestMatches: false, signatureValid: false, coversWholeFile: a === 0 && c + d === buf.length, hasSigningCertificateV2: false, signerCommonName: null };
  try {
    const contentInfo = children(readNode(cms));
    const signedData = children(children(contentInfo[1]!)[0]!);
    const certsNode = signedData.find((n) => n.tag === 0xa0);
    const signerInfos = children(signedData[signedData.length - 1]!);
    const si = children(signerInfos[0]!);
    const attrsNode = si.find((n) => n.tag === 0xa0)!;
    const sigValue = si[si.length - 1]!.content;
    const attrs = children(attrsNode).map((attr) => {
      const [type, values] = children(attr);
      return { oid: decodeOid(type!.content), value: children(values!)[0]! };
    });
    const digest = attrs.find((x) => x.oid === OIDS.messageDigest)?.value.content;
    result.digestMatches = !!digest && digest.equals(crypto.createHash('sha256').update(signedBytes).digest());
    result.hasSigningCertificateV2 = attrs.some((x) => x.oid === OIDS.signingCertificateV2);
    const attrSet = Buffer.from(attrsNode.raw);
    attrSet[0] = TAG.SET;
    for (const cert of certsNode ? children(certsNode) : []) {
      const x509 = new crypto.X509Certificate(cert.raw);
      if (crypto.verify('sha256', attrSet, x509.publicKey, sigValue)) {
        result.signatureValid = true;
        result.signerCommonName = /CN=([^\n]+)/.exec(x509.subject)?.[1] ?? null;
        break;
      }
    }
  } catch {
    /* malformed signature: leave the flags false */
  }
  return result;
}

function decodeOid(b: Buffer): string {
  const parts = [Math.floor(b[0]! / 40), b[0]! % 40];
  let v = 0;
  for (const byte of b.subarray(1)) {
    v = v * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}
