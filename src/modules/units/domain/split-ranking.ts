/**
 * Orders the new communes that a split ("partial") old commune went into, most likely first (pure).
 *
 * The resolution's article for each new commune says how the old commune contributed:
 *   "toàn bộ diện tích tự nhiên, quy mô dân số của …"       whole             weight 3
 *   "phần còn lại của …"                                      the remainder     weight 3
 *   "một phần diện tích tự nhiên, quy mô dân số của …"       part, with people weight 2
 *   "một phần diện tích tự nhiên của …" (no population)      land only         weight 0.5
 * and two hints are added: the new commune kept the old commune's code (+2: it absorbed the old seat), or
 * its name (+1). The weights give the order and an estimated share (weight / total). An address in a
 * split commune still needs the street or village to be sure; callers show every candidate.
 */
import { plainText } from './normalize.ts';

export type Contribution = 'whole' | 'remainder' | 'part_population' | 'part_land' | 'unknown';

const MARKERS: [string, Contribution][] = [
  ['toan bo dien tich', 'whole'],
  ['phan con lai', 'remainder'],
  ['mot phan dien tich tu nhien quy mo dan so', 'part_population'],
  ['mot phan dien tich tu nhien va quy mo dan so', 'part_population'],
  ['mot phan quy mo dan so', 'part_population'],
  // written so in 1685/NQ-UBTVQH15 art. 16 ("quy mô dân của Phường 16 (Quận 8)"): people, the word "số" left out
  ['mot phan dien tich tu nhien quy mo dan cua', 'part_population'],
  ['mot phan dien tich tu nhien cua', 'part_land'],
];

export const CONTRIBUTION_WEIGHT: Record<Contribution, number> = {
  whole: 3,
  remainder: 3,
  part_population: 2,
  part_land: 0.5,
  unknown: 1,
};

function nearestMarker(text: string, at: number): Contribution {
  let best: Contribution = 'unknown';
  let bestPos = -1;
  for (const [m, kind] of MARKERS) {
    const p = text.lastIndexOf(m, at);
    if (p >= 0 && p > bestPos) {
      bestPos = p;
      best = kind;
    }
  }
  return best;
}

/**
 * How the old commune (by its short name) appears in the article's text. A numbered ward ("Phường 16") is
 * looked for with its type word: the bare number also appears as the article's number ("16. Sắp xếp…"),
 * a district ("Quận 4") or a clause ("khoản 39").
 */
export function contributionOf(oldShortName: string, resolutionText: string): Contribution {
  const text = ' ' + plainText(resolutionText) + ' ';
  const name = plainText(oldShortName);
  if (!name) return 'unknown';
  if (/^\d+$/.test(name)) {
    const at = text.indexOf(' phuong ' + name + ' ');
    return at >= 0 ? nearestMarker(text, at) : 'unknown';
  }
  let at = text.indexOf(' ' + name + ' ');
  if (at >= 0) return nearestMarker(text, at);
  // names written with or without spaces ("Ea Bar" / "Eabar"): compare without spaces
  const squeezed = text.replace(/ /g, '');
  at = squeezed.indexOf(name.replace(/ /g, ''));
  if (at >= 0) {
    let best: Contribution = 'unknown';
    let bestPos = -1;
    for (const [m, kind] of MARKERS) {
      const p = squeezed.lastIndexOf(m.replace(/ /g, ''), at);
      if (p > bestPos) {
        bestPos = p;
        best = kind;
      }
    }
    return best;
  }
  return 'unknown';
}

export interface SplitTarget {
  newCode: string;
  newShortName: string;
  resolutionText: string;
}

export function rankSplitTargets(
  old: { code: string; shortName: string },
  targets: SplitTarget[],
): Map<string, { rank: number; share: number; contribution: Contribution }> {
  const out = new Map<string, { rank: number; share: number; contribution: Contribution }>();
  if (targets.length === 1) {
    out.set(targets[0]!.newCode, { rank: 1, share: 1, contribution: 'whole' });
    return out;
  }
  const oldName = plainText(old.shortName);
  const scored = targets.map((t) => {
    const contribution = contributionOf(old.shortName, t.resolutionText);
    let w = CONTRIBUTION_WEIGHT[contribution];
    if (t.newCode === old.code) w += 2;
    if (plainText(t.newShortName) === oldName) w += 1;
    return { t, w, contribution };
  });
  scored.sort((a, b) => b.w - a.w || a.t.newCode.localeCompare(b.t.newCode));
  const total = scored.reduce((s, x) => s + x.w, 0);
  scored.forEach((x, i) => out.set(x.t.newCode, { rank: i + 1, share: Math.round((x.w / total) * 1000) / 1000, contribution: x.contribution }));
  return out;
}
