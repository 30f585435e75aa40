/**
 * Reads the holiday reference files (`reference/holidays/`, see its README.txt):
 *  - announced_*.csv — the days off actually announced for a year (date, kind, name_vi, legal_basis, confidence);
 *  - vn_statutory_holidays_baseline_*.csv — the Labour Code baseline 2020–2035 with Tết and Giỗ Tổ.
 * The same parser reads an administrator's CSV for a newly announced year (`lienthong import holidays`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { problems } from '../../platform/errors.ts';
import { byYear, type BaselineHoliday, type ReferenceSchedules } from './domain/schedule.ts';
import { isLocalDate, isWeekendIndex, dateToDayIndex } from './domain/time.ts';
import { CONFIDENCES, DAY_KINDS, type Confidence, type DayKind, type DayOverride } from './types.ts';

type Row = Record<string, string>;

/** Checks one announced day; the Vietnamese message names the line. */
export function checkDay(d: DayOverride, where: string): void {
  if (!isLocalDate(d.date)) throw problems.badRequest('invalid-schedule', `${where}: ngày "${d.date}" không hợp lệ (cần YYYY-MM-DD).`);
  if (!DAY_KINDS.includes(d.kind)) throw problems.badRequest('invalid-schedule', `${where}: loại ngày "${d.kind}" không hợp lệ (holiday, swap_off hoặc makeup_workday).`);
  if (!CONFIDENCES.includes(d.confidence)) throw problems.badRequest('invalid-schedule', `${where}: độ tin cậy "${d.confidence}" không hợp lệ (confirmed, likely, unconfirmed).`);
  if (!d.name.trim()) throw problems.badRequest('invalid-schedule', `${where}: thiếu tên ngày.`);
  const weekend = isWeekendIndex(dateToDayIndex(d.date));
  if (d.kind === 'makeup_workday' && !weekend) {
    throw problems.unprocessable('makeup-not-weekend', `${where}: ngày làm bù ${d.date} phải là Thứ Bảy hoặc Chủ nhật (ngày thường vốn là ngày làm việc).`);
  }
  if (d.kind !== 'makeup_workday' && weekend) {
    throw problems.unprocessable('day-off-on-weekend', `${where}: ngày ${d.date} là ngày nghỉ cuối tuần; chỉ ghi ngày nghỉ rơi vào ngày thường (ngày nghỉ bù ghi vào ngày được nghỉ bù).`);
  }
}

/** Parses an announced-schedule CSV (header: date,kind,name_vi,legal_basis,confidence). */
export function parseAnnouncedCsv(text: string, fileName: string, source = `announced:${fileName}`): DayOverride[] {
  let rows: Row[];
  try {
    rows = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Row[];
  } catch (err) {
    throw problems.badRequest('invalid-schedule', `Tệp ${fileName} không phải CSV hợp lệ: ${(err as Error).message}`);
  }
  const seen = new Set<string>();
  return rows.map((r, k) => {
    const where = `${fileName} dòng ${k + 2}`;
    for (const col of ['date', 'kind', 'name_vi']) {
      if (!(col in r)) throw problems.badRequest('invalid-schedule', `${fileName}: thiếu cột "${col}" (cần date,kind,name_vi,legal_basis,confidence).`);
    }
    const d: DayOverride = {
      date: r.date ?? '',
      kind: (r.kind ?? '') as DayKind,
      name: r.name_vi ?? '',
      legalBasis: r.legal_basis ? r.legal_basis : null,
      confidence: (r.confidence || 'confirmed') as Confidence,
      source,
    };
    checkDay(d, where);
    if (seen.has(d.date)) throw problems.badRequest('invalid-schedule', `${where}: ngày ${d.date} xuất hiện hai lần.`);
    seen.add(d.date);
    return d;
  });
}

/** Parses the statutory baseline CSV. */
export function parseBaselineCsv(text: string, fileName: string): BaselineHoliday[] {
  const rows = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Row[];
  return rows.map((r, k) => {
    const kind = r.kind as BaselineHoliday['kind'];
    if (!['fixed_solar', 'tet_window', 'lunar', 'adjacent_day'].includes(kind)) throw new Error(`${fileName} dòng ${k + 2}: loại "${r.kind}" không hợp lệ`);
    const date = r.date ? r.date : null;
    if (date !== null && !isLocalDate(date)) throw new Error(`${fileName} dòng ${k + 2}: ngày "${date}" không hợp lệ`);
    return { year: Number(r.year), date, name: r.name_vi ?? '', kind };
  });
}

/** Reads every holiday file of a reference folder; null when the folder has none. */
export function loadHolidayReference(dir: string): ReferenceSchedules | null {
  if (!fs.existsSync(dir)) return null;
  const files = fs.readdirSync(dir).sort();
  const announcedFiles = files.filter((f) => /^announced_.*\.csv$/.test(f));
  const baselineFile = files.filter((f) => /^vn_statutory_holidays_baseline_.*\.csv$/.test(f)).pop();
  if (!announcedFiles.length && !baselineFile) return null;
  const announced: DayOverride[] = [];
  for (const f of announcedFiles) announced.push(...parseAnnouncedCsv(fs.readFileSync(path.join(dir, f), 'utf8'), f));
  const baseline = baselineFile ? parseBaselineCsv(fs.readFileSync(path.join(dir, baselineFile), 'utf8'), baselineFile) : [];
  const baselineByYear = new Map<number, BaselineHoliday[]>();
  for (const b of baseline) baselineByYear.set(b.year, [...(baselineByYear.get(b.year) ?? []), b]);
  return { announced: byYear(announced), baseline: baselineByYear, baselineSource: `derived:${baselineFile ?? 'none'}` };
}
