import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { certificateIssuerAndSerial, children, integer, oid, readNode, setOf, tlv } from './der.ts';
import { signingCertificateV2 } from './cms.ts';

describe('DER writer and reader', () => {
  it('encodes OIDs and integers as DER requires', () => {
    assert.equal(oid('2.16.840.1.101.3.4.2.1').toString('hex'), '0609608648016503040201'); // id-sha256
    assert.equal(oid('1.2.840.113549.1.9.16.2.47').toString('hex'), '060b2a864886f70d010910022f'); // signing-certificate-v2
    assert.equal(integer(1).toString('hex'), '020101');
    assert.equal(integer(128).toString('hex'), '02020080', 'a leading zero keeps it positive');
    assert.throws(() => oid('1'), /OID/);
  });
  it('writes long lengths and reads them back', () => {
    const big = tlv(0x04, Buffer.alloc(300, 7));
    assert.equal(big.subarray(0, 4).toString('hex'), '0482012c');
    const n = readNode(big);
    assert.equal(n.content.length, 300);
    assert.throws(() => readNode(big.subarray(0, 100)), /vượt quá/);
  });
  it('sorts SET OF elements by their encoding', () => {
    const s = setOf(Buffer.from('0401ff', 'hex'), Buffer.from('040100', 'hex'));
    assert.equal(s.toString('hex'), '3106040100' + '0401ff');
  });
  it('takes the issuer and serial of a certificate byte for byte, and binds its hash in signing-certificate-v2', () => {
    // a minimal hand-made certificate is enough to check the field positions (real ones: test/signature.test.ts)
    const name = tlv(0x30, tlv(0x31, tlv(0x30, oid('2.5.4.3'), tlv(0x0c, Buffer.from('Thử nghiệm')))));
    const tbs = tlv(0x30, tlv(0xa0, integer(2)), integer(Buffer.from('0a0b0c', 'hex')), tlv(0x30, oid('1.2.840.113549.1.1.11')), name, tlv(0x30), name);
    const cert = tlv(0x30, tbs, tlv(0x30, oid('1.2.840.113549.1.1.11')), tlv(0x03, Buffer.from([0])));
    const { issuer, serial } = certificateIssuerAndSerial(cert);
    assert.ok(issuer.equals(name));
    assert.equal(serial.toString('hex'), '02030a0b0c');
    const v2 = children(children(children(readNode(signingCertificateV2(cert)))[0]!)[0]!);
    assert.ok(v2[0]!.content.equals(crypto.createHash('sha256').update(cert).digest()), 'certHash is the SHA-256 of the certificate');
    assert.equal(v2.length, 2, 'hashAlgorithm (default SHA-256) is omitted');
  });
});
