/**
 * A search text → the readings to look up (pure): "P. Hòa Bình" → names "hoabinh" of type Phường (and the
 * whole text as a name); "hoa binh" → "hoabinh" with any tone; "Quan Son" without diacritics → both
 * "Quận Sơn…" and "Quan Sơn".
 */
import { nameVariants } from './address.ts';
import { tokenize } from './normalize.ts';

export interface SearchReading {
  /** name key without diacritics or spaces */
  plain: string;
  /** tone key when the text had diacritics (to rank the same tones first), else null */
  tone: string | null;
  /** types allowed by a type word ("P." → Phường), or null */
  types: string[] | null;
}

export function parseSearchQuery(q: string): SearchReading[] {
  const tokens = tokenize(q);
  if (!tokens.length) return [];
  const accented = tokens.some((t) => t.accented);
  const out: SearchReading[] = [];
  for (const v of nameVariants(tokens, accented)) {
    if (!v.key) continue;
    if (out.some((o) => o.plain === v.key && (o.types === null) === (v.typeHint === null))) continue;
    out.push({ plain: v.key, tone: accented ? v.tone : null, types: v.typeHint ? [...v.typeHint] : null });
  }
  return out;
}
