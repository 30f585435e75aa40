import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { demoSigningKey, generateDemoPki, inspectPdfSignature, loadKeyStore, signPdf } from '../src/platform/documents/index.ts';
import { renderResultDocument } from '../src/modules/dossiers/papers/index.ts';
import { samplePapers } from '../src/modules/dossiers/papers/samples.ts';

/**
 * PDF signatures checked by a real PDF reader: poppler's pdfsig (Debian poppler-utils). pdfsig exits 0
 * even when a signature is broken, so every assertion reads its output.
 */
function has(cmd: string): boolean {
  return spawnSync(cmd, ['-v'], { stdio: 'ignore' }).error === undefined;
}
const PDFSIG = has('pdfsig');
const CERTUTIL = has('certutil');
const NO_PDFSIG = 'pdfsig (poppler-utils) chưa được cài: apt-get install poppler-utils';

function pdfsig(file: string, nssdir?: string): string {
  const r = spawnSync('pdfsig', [...(nssdir ? ['-nssdir', `sql:${nssdir}`] : []), file], { encoding: 'utf8' });
  return `${r.stdout}\n${r.stderr}`;
}

describe('PDF signatures (PAdES) verified by pdfsig', () => {
  let dir: string;
  let pdf: Uint8Array;
  const unit = { code: 'H15.50.05', name: 'Ủy ban nhân dân xã Tân Lạc' };

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-sig-'));
    pdf = await renderResultDocument(samplePapers().result);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('generates the demo PKI once and keeps it (idempotent)', () => {
    const first = generateDemoPki(path.join(dir, 'pki'), [unit]);
    assert.deepEqual(first.created, [unit.code]);
    assert.match(first.caCertificatePem, /BEGIN CERTIFICATE/);
    const p12Before = fs.readFileSync(first.units[unit.code]!.p12Path);
    const again = generateDemoPki(path.join(dir, 'pki'), [unit, { code: 'H15', name: 'Ủy ban nhân dân tỉnh Phú Thọ' }]);
    assert.deepEqual(again.created, ['H15'], 'only the new unit gets a key');
    assert.equal(again.caCertificatePem, first.caCertificatePem, 'the CA is not replaced');
    assert.ok(fs.readFileSync(again.units[unit.code]!.p12Path).equals(p12Before), 'an existing p12 is not replaced');
    const mode = fs.statSync(path.join(dir, 'pki', 'passphrases.json')).mode & 0o777;
    assert.equal(mode, 0o600, 'passphrases are readable by the owner only');
    assert.throws(() => generateDemoPki(path.join(dir, 'pki'), [{ code: '../x', name: 'x' }]), /tên tệp/);
  });

  it('opens a p12 and refuses a wrong passphrase with a Vietnamese message', () => {
    const k = demoSigningKey(dir, unit);
    const store = loadKeyStore(k.p12, k.passphrase);
    assert.equal(store.commonName, 'Ủy ban nhân dân xã Tân Lạc');
    assert.equal(store.chain.length, 1, 'the CA certificate travels with the key');
    assert.throws(() => loadKeyStore(k.p12, 'sai-mat-khau'), /sai mật khẩu/);
  });

  it('signs with ETSI.CAdES.detached and the signing-certificate-v2 attribute (checked without tools)', async () => {
    const k = demoSigningKey(dir, unit);
    const signed = await signPdf(pdf, { ...k, reason: 'Ký số kết quả giải quyết thủ tục hành chính', location: 'Xã Tân Lạc, tỉnh Phú Thọ' });
    const check = inspectPdfSignature(signed)!;
    assert.deepEqual(check, {
      subFilter: 'ETSI.CAdES.detached',
      digestMatches: true,
      signatureValid: true,
      coversWholeFile: true,
      hasSigningCertificateV2: true,
      signerCommonName: 'Ủy ban nhân dân xã Tân Lạc',
    });
    assert.equal(inspectPdfSignature(pdf), null, 'an unsigned PDF has no signature');
    // an already opened key store signs the same way
    const again = await signPdf(pdf, { keyStore: loadKeyStore(k.p12, k.passphrase), reason: 'Ký số', location: 'Tân Lạc' });
    assert.equal(inspectPdfSignature(again)!.signatureValid, true);
    await assert.rejects(signPdf(pdf, { reason: 'x', location: 'y' }), /Thiếu khóa ký/);
  });

  it('pdfsig: valid signature, then "Digest Mismatch" after one byte changes, trusted with the demo CA in NSS', async (t) => {
    if (!PDFSIG) return t.skip(NO_PDFSIG);
    const k = demoSigningKey(dir, unit);
    const signed = await signPdf(pdf, { ...k, reason: 'Ký số kết quả giải quyết thủ tục hành chính', location: 'Xã Tân Lạc, tỉnh Phú Thọ' });
    const file = path.join(dir, 'signed.pdf');
    fs.writeFileSync(file, signed);
    const out = pdfsig(file);
    assert.match(out, /Signature Type: ETSI\.CAdES\.detached/);
    assert.match(out, /Signature Validation: Signature is Valid\./);
    assert.match(out, /Signer Certificate Common Name: Ủy ban nhân dân xã Tân Lạc/);
    assert.match(out, /Total document signed/);

    // one byte inside the signed range (the binary comment on the second line of the file)
    const tampered = Buffer.from(signed);
    const i = tampered.indexOf('\n') + 2;
    tampered[i] = tampered[i]! ^ 0x01;
    const bad = path.join(dir, 'tampered.pdf');
    fs.writeFileSync(bad, tampered);
    const badOut = pdfsig(bad);
    assert.doesNotMatch(badOut, /Signature is Valid\./);
    assert.match(badOut, /Digest Mismatch/);
    assert.equal(inspectPdfSignature(tampered)!.digestMatches, false);

    if (!CERTUTIL) return t.skip('certutil (libnss3-tools) chưa được cài: bỏ qua kiểm tra "Certificate is Trusted"');
    const nss = path.join(dir, 'nss');
    fs.mkdirSync(nss);
    const ca = path.join(dir, 'pki', 'ca.crt.pem');
    assert.equal(spawnSync('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']).status, 0);
    assert.equal(spawnSync('certutil', ['-A', '-d', `sql:${nss}`, '-n', 'lienthong-demo-ca', '-t', 'CT,C,C', '-i', ca]).status, 0);
    assert.match(pdfsig(file, nss), /Certificate Validation: Certificate is Trusted\./);
  });

  it('pdfsig: a unit added later chains to the same CA; adbe.pkcs7.detached also verifies', async (t) => {
    if (!PDFSIG) return t.skip(NO_PDFSIG);
    const k = demoSigningKey(dir, { code: 'H15', name: 'Ủy ban nhân dân tỉnh Phú Thọ' });
    const signed = await signPdf(pdf, { ...k, reason: 'Ký số', location: 'Phú Thọ', subFilter: 'adbe.pkcs7.detached', signingTime: new Date('2026-10-13T03:00:00Z') });
    const file = path.join(dir, 'pkcs7.pdf');
    fs.writeFileSync(file, signed);
    const out = pdfsig(file, CERTUTIL && fs.existsSync(path.join(dir, 'nss')) ? path.join(dir, 'nss') : undefined);
    assert.match(out, /Signature Type: adbe\.pkcs7\.detached/);
    assert.match(out, /Signature Validation: Signature is Valid\./);
    if (CERTUTIL && fs.existsSync(path.join(dir, 'nss'))) assert.match(out, /Certificate is Trusted\./);
  });
});
