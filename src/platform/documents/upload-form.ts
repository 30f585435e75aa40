import { Problem } from '../errors.ts';
import { isInvalidText } from '../input-text.ts';
import { fileTooLarge } from './files.ts';

/**
 * Reads an upload form (multipart/form-data) whole: one file part and a few named text fields, in any
 * order — a field sent after the file counts as much as one sent before it. Nothing is kept of a form
 * that breaks a limit: a file over the size limit (the parser's own truncation is checked here, never
 * trusted to raise), a second file, an unknown or repeated field, a field longer than allowed.
 * Every refusal is a problem with a Vietnamese message and a stable code.
 */
export interface UploadPart {
  type: 'file' | 'field';
  fieldname: string;
  /** File parts. */
  filename?: string;
  file?: AsyncIterable<Buffer> & { truncated?: boolean; resume?: () => unknown };
  /** Field parts. */
  value?: unknown;
  fieldnameTruncated?: boolean;
  valueTruncated?: boolean;
}

export interface UploadFormSpec {
  /** The name of the file part (default "file"). */
  fileField?: string;
  maxBytes: number;
  /** The text fields allowed, with the most characters each may hold. */
  fields: Record<string, { maxChars: number; label: string }>;
}

export interface UploadForm {
  file: { bytes: Buffer; filename: string | undefined };
  fields: Record<string, string>;
}

const bad = (code: string, detail: string) => new Problem(400, code, 'Biểu mẫu tải tệp không hợp lệ', detail);

/** Translates the multipart parser's own limit errors into problems (a third file, too many fields…). */
function parserLimit(err: unknown, maxBytes: number): Problem | null {
  const code = (err as { code?: string }).code;
  if (code === 'FST_FILES_LIMIT') return bad('file-too-many', 'Mỗi lần chỉ tải lên một tệp (trường "file").');
  if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') return bad('form-too-many-fields', 'Biểu mẫu có quá nhiều trường.');
  if (code === 'FST_REQ_FILE_TOO_LARGE') return fileTooLarge(maxBytes);
  return null;
}

export async function readUploadForm(parts: AsyncIterable<UploadPart>, spec: UploadFormSpec): Promise<UploadForm> {
  const fileField = spec.fileField ?? 'file';
  let file: UploadForm['file'] | null = null;
  const fields: Record<string, string> = {};
  try {
    for await (const part of parts) {
      if (part.type === 'file') {
        if (part.fieldname !== fileField) {
          await drain(part);
          throw bad('form-field-unknown', `Trường tệp "${part.fieldname}" không được nhận; gửi tệp trong trường "${fileField}".`);
        }
        if (file) {
          await drain(part);
          throw bad('file-too-many', `Mỗi lần chỉ tải lên một tệp (trường "${fileField}").`);
        }
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of part.file!) {
          size += chunk.length;
          if (size <= spec.maxBytes) chunks.push(chunk);
        }
        // the parser stops at its limit and marks the stream truncated: a cut file is never a file
        if (part.file!.truncated || size > spec.maxBytes) throw fileTooLarge(spec.maxBytes);
        file = { bytes: Buffer.concat(chunks), filename: part.filename || undefined };
        continue;
      }
      const name = part.fieldname;
      const rule = Object.hasOwn(spec.fields, name) ? spec.fields[name] : undefined;
      if (!rule || part.fieldnameTruncated) throw bad('form-field-unknown', `Trường "${String(name).slice(0, 40)}" không được nhận (chỉ nhận: ${[fileField, ...Object.keys(spec.fields)].join(', ')}).`);
      if (Object.hasOwn(fields, name)) throw bad('form-field-repeated', `Trường "${name}" được gửi nhiều lần.`);
      const value = typeof part.value === 'string' ? part.value : '';
      if (part.valueTruncated || [...value].length > rule.maxChars)
        throw bad('form-field-too-long', `${rule.label} dài tối đa ${rule.maxChars} ký tự.`);
      if (isInvalidText(value)) throw bad('invalid-characters', `${rule.label} chứa ký tự không hợp lệ.`);
      fields[name] = value;
    }
  } catch (err) {
    throw err instanceof Problem ? err : (parserLimit(err, spec.maxBytes) ?? err);
  }
  if (!file) throw bad('file-missing', `Thiếu tệp (trường "${fileField}").`);
  return { file, fields };
}

async function drain(part: UploadPart): Promise<void> {
  if (!part.file) return;
  for await (const _chunk of part.file) {
    /* discard */
  }
}
