import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';

/**
 * Signing keys as PKCS#12 stores, one per unit, and a demo PKI that makes them: a self-made root CA
 * and one certificate per unit. Real deployments configure a p12 (or an HSM-backed signer) issued by a
 * licensed provider; the demo CA is marked as demo in every name and is never to be trusted elsewhere.
 *
 * Layout of the demo directory (DATA_DIR/pki):
 *   ca.crt.pem, ca.key.pem (0600)  the demo root CA
 *   units/<code>.p12               the unit's key and certificate chain (passphrase protected)
 *   units/<code>.crt.pem           the unit's certificate
 *   passphrases.json (0600)        { "<code>": "<passphrase>" }
 */
export interface DemoUnit {
  /** The unit's code (used in file names: letters, digits, '.', '-', '_'). */
  code: string;
  /** The unit's name, printed in the certificate's common name. */
  name: string;
}

export interface UnitKeyStore {
  code: string;
  p12Path: string;
  passphrase: string;
  certificatePem: string;
}

export interface DemoPki {
  dir: string;
  caCertificatePath: string;
  caCertificatePem: string;
  units: Record<string, UnitKeyStore>;
  /** Unit codes whose keys were created by this call (empty when everything existed). */
  created: string[];
}

export interface LoadedKeyStore {
  privateKey: crypto.KeyObject;
  /** The certificate that matches the private key (DER). */
  certificate: Buffer;
  /** The other certificates of the store (DER). */
  chain: Buffer[];
  /** The certificate's subject common name. */
  commonName: string;
}

const DEMO_ORG = 'Liên Thông (DEMO - không dùng thật)';

function safeCode(code: string): string {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(code) || code.startsWith('.')) throw new RangeError(`Mã đơn vị không dùng được làm tên tệp: ${code}`);
  return code;
}

function newKeyPair(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey } {
  // node:crypto generates RSA keys natively (fast); forge only builds the certificates
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const key = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  return { privateKey: key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e) };
}

function serial(): string {
  const b = crypto.randomBytes(16);
  b[0] = b[0]! & 0x7f; // positive
  if (b[0] === 0) b[0] = 1;
  return b.toString('hex');
}

function utf8Attrs(attrs: { name?: string; shortName?: string; value: string }[]): forge.pki.CertificateField[] {
  // forge's typings call the tag a "Class"; the value is the UTF8String tag (12)
  return attrs.map((a) => ({ ...a, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class }));
}

function makeCa(now: Date) {
  const keys = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(now.getTime() - 24 * 3600_000);
  cert.validity.notAfter = new Date(now.getTime() + 10 * 365 * 24 * 3600_000);
  const subject = utf8Attrs([
    { name: 'commonName', value: 'Liên Thông Demo Root CA' },
    { name: 'organizationName', value: DEMO_ORG },
    { name: 'countryName', value: 'VN' },
  ]);
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { cert, key: keys.privateKey };
}

function makeUnitCert(unit: DemoUnit, ca: { cert: forge.pki.Certificate; key: forge.pki.PrivateKey }, now: Date) {
  const keys = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(now.getTime() - 24 * 3600_000);
  cert.validity.notAfter = new Date(now.getTime() + 3 * 365 * 24 * 3600_000);
  cert.setSubject(
    utf8Attrs([
      { name: 'commonName', value: unit.name },
      { name: 'organizationName', value: DEMO_ORG },
      { name: 'organizationalUnitName', value: `Mã đơn vị ${unit.code}` },
      { name: 'countryName', value: 'VN' },
    ]),
  );
  // forge keeps UTF-8 values of a parsed certificate as raw bytes: decode them before re-encoding
  cert.setIssuer(
    ca.cert.subject.attributes.map((a) =>
      (a.valueTagClass as unknown) === forge.asn1.Type.UTF8 ? { ...a, value: forge.util.decodeUtf8(String(a.value)) } : a,
    ),
  );
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    // e-mail protection (what NSS checks for document signers) and document signing (RFC 9336)
    { name: 'extKeyUsage', emailProtection: true, '1.3.6.1.5.5.7.3.36': true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.cert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(ca.key as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return { cert, key: keys.privateKey };
}

function writePrivate(file: string, data: string | Buffer): void {
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, data, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/**
 * Creates (or completes) the demo PKI in `dir`: the CA once, then a p12 for every unit that has none.
 * Idempotent: existing keys are kept, so signed documents stay verifiable across restarts.
 */
export function generateDemoPki(dir: string, units: DemoUnit[], opts: { now?: Date } = {}): DemoPki {
  const now = opts.now ?? new Date();
  fs.mkdirSync(path.join(dir, 'units'), { recursive: true, mode: 0o700 });
  const caCertPath = path.join(dir, 'ca.crt.pem');
  const caKeyPath = path.join(dir, 'ca.key.pem');
  if (!(fs.existsSync(caCertPath) && fs.existsSync(caKeyPath))) {
    const made = makeCa(now);
    writePrivate(caKeyPath, forge.pki.privateKeyToPem(made.key));
    fs.writeFileSync(caCertPath, forge.pki.certificateToPem(made.cert));
  }
  // always read the CA back from disk, so that a first run and a later run issue identical issuer names
  const ca = { cert: forge.pki.certificateFromPem(fs.readFileSync(caCertPath, 'utf8')), key: forge.pki.privateKeyFromPem(fs.readFileSync(caKeyPath, 'utf8')) };
  const passFile = path.join(dir, 'passphrases.json');
  const passphrases: Record<string, string> = fs.existsSync(passFile) ? JSON.parse(fs.readFileSync(passFile, 'utf8')) : {};
  const result: DemoPki = { dir, caCertificatePath: caCertPath, caCertificatePem: forge.pki.certificateToPem(ca.cert), units: {}, created: [] };
  for (const unit of units) {
    const code = safeCode(unit.code);
    const p12Path = path.join(dir, 'units', `${code}.p12`);
    const certPath = path.join(dir, 'units', `${code}.crt.pem`);
    if (!(fs.existsSync(p12Path) && passphrases[code] && fs.existsSync(certPath))) {
      const { cert, key } = makeUnitCert(unit, ca, now);
      const passphrase = crypto.randomBytes(18).toString('base64url');
      const p12 = forge.pkcs12.toPkcs12Asn1(key, [cert, ca.cert], passphrase, { algorithm: 'aes256', friendlyName: unit.name });
      writePrivate(p12Path, Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'));
      fs.writeFileSync(certPath, forge.pki.certificateToPem(cert));
      passphrases[code] = passphrase;
      writePrivate(passFile, JSON.stringify(passphrases, null, 2));
      result.created.push(code);
    }
    result.units[code] = { code, p12Path, passphrase: passphrases[code]!, certificatePem: fs.readFileSync(certPath, 'utf8') };
  }
  return result;
}

function certDer(cert: forge.pki.Certificate): Buffer {
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
}

/** Opens a PKCS#12 store: the RSA private key, the matching certificate and the rest of the chain. */
export function loadKeyStore(p12: Uint8Array, passphrase: string): LoadedKeyStore {
  let store: forge.pkcs12.Pkcs12Pfx;
  try {
    store = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(Buffer.from(p12).toString('binary')), false, passphrase);
  } catch {
    throw new Error('Không mở được kho khóa PKCS#12: sai mật khẩu hoặc tệp hỏng');
  }
  const keyBags = [
    ...(store.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
    ...(store.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? []),
  ];
  const key = keyBags[0]?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key) throw new Error('Kho khóa PKCS#12 không có khóa bí mật RSA');
  const certs = (store.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? []).map((b) => b.cert).filter((c): c is forge.pki.Certificate => !!c);
  const mine = certs.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n.compareTo(key.n) === 0 && pub.e.compareTo(key.e) === 0;
  });
  if (!mine) throw new Error('Kho khóa PKCS#12 không có chứng thư số khớp với khóa bí mật');
  const privateKey = crypto.createPrivateKey(forge.pki.privateKeyToPem(key));
  const cn = mine.subject.getField('CN')?.value as string | undefined;
  return {
    privateKey,
    certificate: certDer(mine),
    chain: certs.filter((c) => c !== mine).map(certDer),
    commonName: cn ? forge.util.decodeUtf8(cn) : '',
  };
}
