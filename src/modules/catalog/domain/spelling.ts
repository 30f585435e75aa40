/**
 * Typo tolerance for search, in memory: a word of the query that no procedure contains is replaced by the
 * closest word of the catalogue's vocabulary (Damerau–Levenshtein distance 1, or 2 for words of seven
 * letters or more), so "khai sihn" is searched as "khai sinh" with the normal full-text ranking.
 */

/** Optimal string alignment distance (insertions, deletions, substitutions, adjacent transpositions), capped. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
  }
  return d[a.length]![b.length]!;
}

export interface Vocabulary {
  words: Set<string>;
  /** How many procedures use each word: ties go to the more common word. */
  frequency: Map<string, number>;
}

/**
 * Corrects the words of a folded query. The last word is also accepted as a prefix of a known word
 * (it is searched as a prefix). Returns null when nothing was changed or nothing could be corrected.
 */
export function correctQuery(folded: string, vocab: Vocabulary): string | null {
  const words = folded.split(' ').filter(Boolean);
  let changed = false;
  const out = words.map((w, i) => {
    if (vocab.words.has(w) || /^\d+$/.test(w)) return w;
    const isLast = i === words.length - 1;
    if (isLast) for (const v of vocab.words) if (v.startsWith(w)) return w;
    const max = w.length >= 7 ? 2 : w.length >= 3 ? 1 : 0;
    if (max === 0) return w;
    let best: { word: string; dist: number; freq: number } | null = null;
    for (const v of vocab.words) {
      const dist = editDistance(w, v, max);
      if (dist > max) continue;
      const freq = vocab.frequency.get(v) ?? 0;
      if (!best || dist < best.dist || (dist === best.dist && freq > best.freq)) best = { word: v, dist, freq };
    }
    if (best) {
      changed = true;
      return best.word;
    }
    return w;
  });
  return changed ? out.join(' ') : null;
}
