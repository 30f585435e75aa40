import crypto from 'node:crypto';
import { certificateIssuerAndSerial, ctx, derNull, integer, octets, oid, retag, seq, setOf, TAG, utcTime } from './der.ts';

/**
 * A detached CMS SignedData (RFC 5652) for PDF signatures, in two profiles:
 *
 *  - 'cades' (PAdES baseline B-B, SubFilter ETSI.CAdES.detached): signed attributes content-type,
 *    message-digest and ESS signing-certificate-v2 (RFC 5035) — which binds the signer's certificate
 *    to the signature; no signing-time attribute (the time is the PDF's /M entry, as PAdES requires);
 *  - 'pkcs7' (SubFilter adbe.pkcs7.detached): content-type, signing-time and message-digest.
 *
 * SHA-256 digests and RSA PKCS#1 v1.5 signatures (the keys a PKCS#12 store holds).
 */
export const OIDS = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
} as const;

export type CmsProfile = 'cades' | 'pkcs7';

export interface DetachedCmsInput {
  /** The signed bytes (for a PDF: the byte range outside /Contents). */
  content: Buffer;
  privateKey: crypto.KeyObject;
  /** The signer's certificate (DER). */
  certificate: Buffer;
  /** Other certificates to embed (issuing CAs), DER. */
  chain?: Buffer[];
  profile: CmsProfile;
  /** Used by the 'pkcs7' profile only. */
  signingTime?: Date;
}

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest();
const attribute = (type: string, value: Buffer) => seq(oid(type), setOf(value));

/** ESS SigningCertificateV2 { certs: [ESSCertIDv2 { certHash, issuerSerial }] } with the default SHA-256. */
export function signingCertificateV2(certificate: Buffer): Buffer {
  const { issuer, serial } = certificateIssuerAndSerial(certificate);
  // IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber } ; GeneralName directoryName is [4] EXPLICIT Name
  const issuerSerial = seq(seq(ctx(4, issuer)), serial);
  // hashAlgorithm is omitted: DER leaves out a DEFAULT value (id-sha256)
  const essCertIdV2 = seq(octets(sha256(certificate)), issuerSerial);
  return seq(seq(essCertIdV2));
}

/** The signed attributes, each encoded (the caller wraps them in a SET or [0]). */
function signedAttributes(input: DetachedCmsInput): Buffer[] {
  const attrs = [attribute(OIDS.contentType, oid(OIDS.data)), attribute(OIDS.messageDigest, octets(sha256(input.content)))];
  if (input.profile === 'cades') attrs.push(attribute(OIDS.signingCertificateV2, signingCertificateV2(input.certificate)));
  else attrs.push(attribute(OIDS.signingTime, utcTime(input.signingTime ?? new Date())));
  return attrs;
}

/** Builds the DER ContentInfo(SignedData) to place in the PDF's /Contents. */
export function buildDetachedCms(input: DetachedCmsInput): Buffer {
  const { issuer, serial } = certificateIssuerAndSerial(input.certificate);
  const attrs = signedAttributes(input);
  // the signature covers the DER of the attributes as a SET OF (tag 0x31); the SignerInfo carries them as [0] IMPLICIT
  const attrSet = setOf(...attrs);
  const signature = crypto.sign('sha256', attrSet, { key: input.privateKey, padding: crypto.constants.RSA_PKCS1_PADDING });
  const digestAlg = seq(oid(OIDS.sha256));
  const signerInfo = seq(
    integer(1),
    seq(issuer, serial),
    digestAlg,
    retag(attrSet, 0xa0),
    seq(oid(OIDS.sha256WithRSA), derNull()),
    octets(signature),
  );
  const certs = [input.certificate, ...(input.chain ?? [])];
  const signedData = seq(
    integer(1),
    setOf(digestAlg),
    seq(oid(OIDS.data)),
    retag(setOf(...certs), 0xa0),
    setOf(signerInfo),
  );
  return seq(oid(OIDS.signedData), ctx(0, signedData));
}

export { TAG };
