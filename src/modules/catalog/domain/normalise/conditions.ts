import { parsed, type Parsed } from './result.ts';
import { cleanText, isNoInformation, isStatedNone } from './text.ts';

/** Portal page text glued after the field ("Từ khóa…Mô tả…Chọn cơ quan thực hiện…"). */
const PORTAL_TAIL = /Từ khóa.*$/s;

/**
 * "Yêu cầu, điều kiện": free text kept as published. "Không" / "Không có" (stated none) and
 * "Không có thông tin" (not published) both give null; the status tells them apart in the report.
 */
export function parseConditions(text: string | null | undefined): Parsed<string | null> {
  const src = cleanText(cleanText(text).replace(PORTAL_TAIL, ''));
  if (isNoInformation(src) || isStatedNone(src)) return parsed(null, 'empty');
  return parsed(src, 'ok');
}
