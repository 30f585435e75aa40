import type { Level } from '../../types.ts';
import { parsed, type Parsed } from './result.ts';
import { oneLine } from './text.ts';

/** The portal's "Cấp thực hiện" labels. There is no "Cấp huyện" since 1 July 2025. */
export const LEVEL_LABELS: Readonly<Record<string, Level>> = {
  'cấp bộ': 'ministry',
  'cấp tỉnh': 'province',
  'cấp xã': 'commune',
  'cơ quan khác': 'other',
};

const ORDER: Level[] = ['ministry', 'province', 'commune', 'other'];

/**
 * "Cấp bộ, Cấp tỉnh, Cấp xã" → ['ministry', 'province', 'commune']. Unknown labels are reported,
 * never mapped by guess.
 */
export function parseLevels(text: string | null | undefined): Parsed<Level[]> {
  const t = oneLine(text);
  if (!t) return parsed([], 'empty');
  const found = new Set<Level>();
  const unknown: string[] = [];
  for (const part of t.split(/[,;]/)) {
    const label = part.trim().toLowerCase();
    if (!label) continue;
    const level = LEVEL_LABELS[label];
    if (level) found.add(level);
    else unknown.push(part.trim());
  }
  const value = ORDER.filter((l) => found.has(l));
  const issues = unknown.map((u) => ({ kind: 'unknown-level', detail: u }));
  return parsed(value, unknown.length === 0 ? 'ok' : value.length ? 'partial' : 'failed', issues);
}
