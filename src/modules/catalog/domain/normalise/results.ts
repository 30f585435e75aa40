import type { ResultDocument } from '../../types.ts';
import { parsed, type Parsed } from './result.ts';
import { isNoInformation, oneLine } from './text.ts';

/**
 * "Kết quả thực hiện" arrives as "<name>Mã: <code><name>Mã: <code>…", sometimes followed by portal page
 * text ("Từ khóa…Mô tả…") that the collector did not strip. Codes look like "KQ.G15.000031" or
 * "000.00.00.G04-KQ2350" and end with a digit.
 */
const RESULT_CODE = /Mã:\s*([A-Z0-9][A-Z0-9.\-]*\d)/g;
const PORTAL_TAIL = /Từ khóa.*$/s;

export function parseResults(text: string | null | undefined): Parsed<ResultDocument[]> {
  const src = oneLine(text).replace(PORTAL_TAIL, '').trim();
  if (isNoInformation(src)) return parsed([], 'empty');
  const out: ResultDocument[] = [];
  let from = 0;
  for (const m of src.matchAll(RESULT_CODE)) {
    const name = src.slice(from, m.index).replace(/[\s;,.]+$/, '').trim();
    from = (m.index ?? 0) + m[0].length;
    if (name) out.push({ name, code: m[1]! });
    else if (out.length) out[out.length - 1]!.code ??= m[1]!;
  }
  const tail = src.slice(from).replace(/^[\s;,.]+/, '').trim();
  if (tail) out.push({ name: tail, code: null });
  if (out.length === 0) return parsed([], 'failed', [{ kind: 'no-result', detail: src.slice(0, 80) }]);
  // a result without a code is still a result; report it so the catalogue owner can see it
  const uncoded = out.filter((r) => r.code === null).length;
  return parsed(out, uncoded ? 'partial' : 'ok', uncoded ? [{ kind: 'result-without-code', detail: out.find((r) => !r.code)!.name.slice(0, 80) }] : []);
}
