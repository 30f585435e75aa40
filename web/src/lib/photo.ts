/**
 * The portal's own check of a feedback photo before anything is sent, as the platform checks it (by the
 * content's first bytes, the size, and an extension that does not contradict the content): a photo the
 * platform would refuse is refused here, with the reason, before the report is filed.
 */
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;

/** JPEG or PNG by the first bytes, or null. */
export function photoKind(head: Uint8Array): 'jpg' | 'png' | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpg';
  if (head.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => head[i] === b)) return 'png';
  return null;
}

/** The extensions the platform knows (src/platform/documents/upload.ts): one of them must match the content. */
const EXTENSIONS: Record<'jpg' | 'png', string[]> = { jpg: ['jpg', 'jpeg', 'jpe', 'jfif'], png: ['png'] };
const KNOWN = [...EXTENSIONS.jpg, ...EXTENSIONS.png, 'pdf', 'docx', 'xlsx'];

/** Why this photo cannot be sent (Vietnamese), or null when it can. */
export function photoProblem(head: Uint8Array, name: string, size: number, maxBytes = PHOTO_MAX_BYTES): string | null {
  if (size === 0) return 'Ảnh không có nội dung.';
  if (size > maxBytes) return `Ảnh quá lớn (${(size / 1024 / 1024).toFixed(1).replace('.', ',')} MB; tối đa ${Math.round(maxBytes / 1024 / 1024)} MB). Hãy chụp lại ở độ phân giải thấp hơn hoặc gửi ảnh khác.`;
  const kind = photoKind(head);
  if (!kind) return 'Chỉ nhận ảnh JPEG hoặc PNG (nội dung tệp đã chọn không phải ảnh JPEG hay PNG; ảnh HEIC của iPhone: chọn "Tương thích nhất" trong Cài đặt › Camera › Định dạng, hoặc chụp màn hình ảnh).';
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  if (KNOWN.includes(ext) && !EXTENSIONS[kind].includes(ext))
    return `Tệp mang đuôi .${ext} nhưng nội dung là ảnh ${kind === 'jpg' ? 'JPEG' : 'PNG'}: hãy đổi tên tệp hoặc chọn ảnh khác.`;
  return null;
}
