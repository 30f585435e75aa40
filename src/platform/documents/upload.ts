import crypto from 'node:crypto';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { Problem } from '../errors.ts';
import { fileTooLarge, formatBytes } from './files.ts';

/**
 * The upload checker for dossier documents: the type is decided by the content (magic bytes, through
 * file-type), never by the file name; only the allowed types pass; the size is limited; the SHA-256 is
 * computed. Failures are problems with Vietnamese messages and stable codes.
 */
export interface AllowedType {
  mime: string;
  /** Extensions that a file name of this type may carry. */
  extensions: string[];
  label: string;
}

export const DOSSIER_FILE_TYPES: Record<string, AllowedType> = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'], label: 'PDF' },
  jpg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'], label: 'JPEG' },
  png: { mime: 'image/png', extensions: ['png'], label: 'PNG' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], label: 'Word (DOCX)' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], label: 'Excel (XLSX)' },
};

export interface UploadPolicy {
  /** Keys of DOSSIER_FILE_TYPES that are accepted. */
  allowed: string[];
  maxBytes: number;
  /** What the file is for, as the refusal names it ("Hồ sơ chỉ nhận tệp …"); a dossier unless said. */
  subject?: string;
}

export const DEFAULT_UPLOAD_POLICY: UploadPolicy = {
  allowed: ['pdf', 'jpg', 'png', 'docx', 'xlsx'],
  maxBytes: 10 * 1024 * 1024,
};

export interface CheckedUpload {
  /** The detected type key ("pdf", "png"...). */
  type: string;
  mime: string;
  size: number;
  sha256: string;
}

function allowedLabels(policy: UploadPolicy): string {
  return policy.allowed.map((k) => DOSSIER_FILE_TYPES[k]?.label ?? k).join(', ');
}

/** Checks an uploaded file; throws a Problem (400/413/415) when it may not be attached to a dossier. */
export async function checkUpload(bytes: Uint8Array, opts: { filename?: string; policy?: UploadPolicy } = {}): Promise<CheckedUpload> {
  const policy = opts.policy ?? DEFAULT_UPLOAD_POLICY;
  if (bytes.length === 0) throw new Problem(400, 'file-empty', 'Tệp rỗng', 'Tệp tải lên không có nội dung.');
  if (bytes.length > policy.maxBytes) throw fileTooLarge(policy.maxBytes);
  const detected = await fileTypeFromBuffer(bytes);
  const entry = detected ? Object.entries(DOSSIER_FILE_TYPES).find(([, t]) => t.mime === detected.mime) : undefined;
  if (!detected || !entry || !policy.allowed.includes(entry[0])) {
    const what = detected ? `tệp có nội dung định dạng ${detected.ext.toUpperCase()}` : 'không nhận diện được định dạng từ nội dung tệp';
    throw new Problem(415, 'file-type-not-allowed', 'Loại tệp không được chấp nhận', `${policy.subject ?? 'Hồ sơ'} chỉ nhận tệp ${allowedLabels(policy)} (${what}).`, {
      allowed: policy.allowed,
      ...(detected ? { detected: detected.mime } : {}),
    });
  }
  const [type, spec] = entry;
  if (opts.filename) {
    const ext = path.extname(opts.filename).slice(1).toLowerCase();
    const known = Object.values(DOSSIER_FILE_TYPES).some((t) => t.extensions.includes(ext));
    if (known && !spec.extensions.includes(ext)) {
      throw new Problem(415, 'file-extension-mismatch', 'Tên tệp không khớp nội dung', `Tệp mang đuôi .${ext} nhưng nội dung là ${spec.label}. Vui lòng kiểm tra lại tệp trước khi tải lên.`, {
        detected: spec.mime,
      });
    }
  }
  return { type, mime: spec.mime, size: bytes.length, sha256: crypto.createHash('sha256').update(bytes).digest('hex') };
}

/**
 * The name a file is kept under: the sender's name without folders or control characters, its extension
 * replaced by the one of what the content is ("setup.exe" holding a PDF is kept as "setup.pdf"), at most
 * 120 characters. Without a usable name: "tep.<ext>".
 */
export function storedFilename(filename: string | undefined, type: string): string {
  const ext = DOSSIER_FILE_TYPES[type]?.extensions[0] ?? type;
  const base = (filename ?? '')
    .normalize('NFC')
    .split(/[\\/]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f"<>|:*?]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .trim();
  const dot = base.lastIndexOf('.');
  const stem = (dot > 0 ? base.slice(0, dot) : base.replace(/^\.+/, '')).trim();
  const short = [...stem].slice(0, 120 - ext.length - 1).join('').trim();
  return `${short || 'tep'}.${ext}`;
}

export { formatBytes };
