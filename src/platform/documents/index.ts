/**
 * Documents: the file store, the upload checker, the demo PKI and PDF signatures (PAdES).
 * See docs/papers.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type DemoUnit, generateDemoPki } from './pki.ts';

export { LocalFileStore, openLocalFileStore, isFileKey, formatBytes, type FileStore, type FileMeta, type StoredFile, type PutOptions } from './files.ts';
export { checkUpload, storedFilename, DEFAULT_UPLOAD_POLICY, DOSSIER_FILE_TYPES, type UploadPolicy, type CheckedUpload, type AllowedType } from './upload.ts';
export { readUploadForm, type UploadForm, type UploadFormSpec, type UploadPart } from './upload-form.ts';
export { generateDemoPki, loadKeyStore, type DemoPki, type DemoUnit, type UnitKeyStore, type LoadedKeyStore } from './pki.ts';
export { signPdf, inspectPdfSignature, SUBFILTER_CADES, SUBFILTER_PKCS7, type SignPdfOptions, type SignatureSubFilter, type SignatureCheck } from './sign.ts';

/** Where the demo PKI lives: DATA_DIR/pki. */
export function pkiDir(dataDir: string): string {
  return path.join(dataDir, 'pki');
}

/**
 * The signing key of a unit for the demo: creates the demo CA and the unit's p12 on first use
 * (DATA_DIR/pki), then returns the p12 bytes and passphrase to pass to signPdf.
 */
export function demoSigningKey(dataDir: string, unit: DemoUnit): { p12: Uint8Array; passphrase: string; caCertificatePem: string } {
  const pki = generateDemoPki(pkiDir(dataDir), [unit]);
  const u = pki.units[unit.code]!;
  return { p12: fs.readFileSync(u.p12Path), passphrase: u.passphrase, caCertificatePem: pki.caCertificatePem };
}
