import { z } from 'zod';

/**
 * The choices Quyết định 766 and the portal's formula description leave open, as settings with documented
 * defaults (ADR 0080, docs/analytics.md). Every computed figure carries the settings it was computed with, so
 * the page can show them beside the figure.
 */

/** A classification band: from `min` points (inclusive) the unit is in class `label`. */
export interface Band {
  min: number;
  label: string;
}

export interface IndexSettings {
  /** Decimals of each sub-indicator's points (the source: 2). */
  decimals: number;
  /** What a sub-indicator with an empty denominator scores: 0 points (the source's rule), or not applicable (left out of the maximum). */
  emptyDenominator: 'zero' | 'not_applicable';
  /**
   * Target T per sub-indicator (0..1): at or above T → full points, below → rate × points / T. Overrides the
   * defaults of the indicator table (progress: 1.0; online dossiers: 0.5; digitised: 0.8; satisfaction: 0.9 …).
   */
  targets: Record<string, number>;
  /** Sub-indicators that give a commune full points (the source says some do, not which: empty by default). */
  communeFullPoints: string[];
  /** Class bands, highest first (provinces use their own). */
  bands: Band[];
  /** What the class and the ranking read: the points scaled to 100 over the sub-indicators with data, or the raw sum. */
  classBasis: 'scaled' | 'total';
  /** A rating at or below this score (1–5) counts as "not satisfied" in the satisfaction sub-indicator. */
  dislikeAtOrBelow: number;
  /** Which unit a dossier belongs to: the unit that decides it (default) or the one that received it. */
  attributeTo: 'deciding' | 'receiving';
}

export const DEFAULT_BANDS: Band[] = [
  { min: 90, label: 'Xuất sắc' },
  { min: 80, label: 'Tốt' },
  { min: 70, label: 'Khá' },
  { min: 50, label: 'Trung bình' },
  { min: 0, label: 'Yếu' },
];

export const DEFAULT_SETTINGS: IndexSettings = {
  decimals: 2,
  emptyDenominator: 'zero',
  targets: {},
  communeFullPoints: [],
  bands: DEFAULT_BANDS,
  classBasis: 'scaled',
  dislikeAtOrBelow: 2,
  attributeTo: 'deciding',
};

export const IndexSettingsSchema = z.object({
  decimals: z.number().int().min(0).max(4),
  emptyDenominator: z.enum(['zero', 'not_applicable']),
  targets: z.record(z.string(), z.number().gt(0).max(1)),
  communeFullPoints: z.array(z.string()),
  bands: z
    .array(z.object({ min: z.number().min(0).max(100), label: z.string().min(1).max(40) }))
    .min(1)
    .refine((b) => b.every((x, i) => i === 0 || b[i - 1]!.min > x.min), { error: 'Các ngưỡng xếp loại phải giảm dần' }),
  classBasis: z.enum(['scaled', 'total']),
  dislikeAtOrBelow: z.number().int().min(1).max(5),
  attributeTo: z.enum(['deciding', 'receiving']),
});

/** Settings with some fields replaced (validated); unknown indicator ids in targets / communeFullPoints are refused by the caller. */
export function mergeSettings(base: IndexSettings, patch: Partial<IndexSettings>): IndexSettings {
  return IndexSettingsSchema.parse({ ...base, ...patch }) as IndexSettings;
}

/** Vietnamese lines describing the settings, shown beside the figures. */
export function describeSettings(s: IndexSettings): string[] {
  return [
    `Làm tròn điểm từng chỉ số thành phần: ${s.decimals} chữ số thập phân.`,
    s.emptyDenominator === 'zero' ? 'Chỉ số không có hồ sơ/thủ tục nào để tính (mẫu số bằng 0): 0 điểm.' : 'Chỉ số có mẫu số bằng 0: không áp dụng (không tính vào điểm tối đa).',
    s.communeFullPoints.length ? `Cấp xã được tính điểm tối đa ở: ${s.communeFullPoints.join(', ')}.` : 'Cấp xã không được cộng điểm tối đa cho chỉ số nào khi không có dữ liệu.',
    `Xếp loại: ${s.bands.map((b) => `${b.label} từ ${b.min} điểm`).join('; ')} (${s.classBasis === 'scaled' ? 'theo điểm quy về thang 100 trên các chỉ số có dữ liệu' : 'theo tổng điểm'}).`,
    `Không hài lòng: đánh giá từ ${s.dislikeAtOrBelow} sao trở xuống.`,
    `Hồ sơ tính cho ${s.attributeTo === 'deciding' ? 'cơ quan có thẩm quyền giải quyết' : 'đơn vị tiếp nhận'}.`,
  ];
}
