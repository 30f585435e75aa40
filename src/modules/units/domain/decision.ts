/**
 * The decision (pure): from the scored readings of an address to one answer (ADR 0012). The best reading
 * wins; readings within TIE of it that lead to different new communes make the answer "ambiguous" with
 * every candidate (or a 422 when there are too many); an old reading wins a tie with a new commune of the
 * same name, which is then listed with a note. Nothing is guessed silently.
 */
import type { ConversionCandidate, ConversionResult } from '../types.ts';
import type { UnitIndex } from './unit-index.ts';
import type { Reading } from './readings.ts';
import { textOf, type AddressText } from './mentions.ts';
import { MAX_AMBIGUOUS_TARGETS, MIN_SCORE, NEW_NAME_TIED, NO_DISTRICT, TIE } from './scoring.ts';
import { candidateOf, convertedResult, currentResult, describeOld, oldPartOf, resultOf, round3 } from './results.ts';

export type MatchOutcome =
  | { ok: true; result: ConversionResult }
  | { ok: false; code: 'address-unknown' | 'address-ambiguous'; detail: string; candidates: ConversionCandidate[] };

export interface Decision {
  outcome: MatchOutcome;
  /** score of the best reading, to compare alternative readings of the address */
  score: number;
}

/** Best reading first; an old reading wins a tie (within TIE) with a new one; then with a district; then by code. */
export function byPreference(a: Reading, b: Reading): number {
  const ea = a.score + (a.kind === 'old' ? TIE + 1e-9 : 0);
  const eb = b.score + (b.kind === 'old' ? TIE + 1e-9 : 0);
  return eb - ea || (a.district ? 0 : 1) - (b.district ? 0 : 1) || a.ent.code.localeCompare(b.ent.code);
}

/** The best reading of each unit (a handful of readings: linear). */
export function bestPerUnit(rs: readonly Reading[]): Reading[] {
  const order: Reading[] = [];
  for (const r of rs) {
    let i = 0;
    while (i < order.length && order[i]!.ent !== r.ent) i++;
    if (i === order.length) order.push(r);
    else if (order[i]!.score < r.score) order[i] = r;
  }
  return order;
}

/**
 * Longest match: a reading whose commune is a shorter name inside the commune of another reading of the
 * same generation ("Long" inside "Quang Long", same last word) is dropped when the longer one is about as
 * good. (An old and a new name are both kept: the old reading wins their tie and the new one is listed.)
 */
export function withoutNestedNames(rs: readonly Reading[]): Reading[] {
  return rs.filter(
    (r) => !rs.some((o) => o !== r && o.kind === r.kind && o.communeEnd === r.communeEnd && o.communeStart < r.communeStart && o.score >= r.score - TIE),
  );
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));
const targetSet = (r: Reading) => (r.kind === 'old' ? r.ent.targets.map((t) => t.code) : [r.ent.code]);

/** Several old communes fit equally well and went to different new communes: every one is a candidate. */
function ambiguousOutcome(ix: UnitIndex, top: Reading, rivals: Reading[], ties: Reading[], street: string | null, notes: string[]): MatchOutcome {
  const group = [top, ...rivals];
  const cands = new Map<string, ConversionCandidate>();
  for (const r of group) {
    for (const t of r.ent.targets) {
      const cand = candidateOf(ix, t.code, r.score * t.share);
      if (cand && (!cands.has(t.code) || cands.get(t.code)!.score < cand.score)) cands.set(t.code, cand);
    }
  }
  // a new commune of the same name that ties is one more possibility
  for (const r of ties) {
    if (r.kind === 'new' && !cands.has(r.ent.code)) cands.set(r.ent.code, candidateOf(ix, r.ent.code, r.score)!);
  }
  const candidates = [...cands.values()].sort((a, b) => b.score - a.score);
  const described = (n: number) => group.slice(0, n).map((r) => describeOld(ix, r.ent)).join('; ');
  if (candidates.length > MAX_AMBIGUOUS_TARGETS) {
    return {
      ok: false,
      code: 'address-ambiguous',
      detail: `Địa chỉ khớp với ${group.length} xã/phường cũ khác nhau (ví dụ ${described(3)}). Hãy ghi rõ quận/huyện và tỉnh/thành phố.`,
      candidates: candidates.slice(0, 10),
    };
  }
  notes.push(`Có ${group.length} xã/phường cũ khớp như nhau: ${described(group.length)}. Hãy ghi rõ quận/huyện để phân biệt.`);
  const t0 = top.ent.targets[0]!;
  return {
    ok: true,
    result: resultOf(ix, {
      status: 'ambiguous',
      commune: ix.newCommunes.get(candidates[0]!.commune.code)!,
      confidence: Math.min(0.5, top.score / group.length),
      mergeType: t0.mergeType,
      candidates,
      old: oldPartOf(ix, top.ent),
      resolution: t0.resolution,
      street,
      notes,
    }),
  };
}

/**
 * The answer from the readings of an address; `factor` lowers them all (an unrecognised province),
 * `scopeNotes` say how the province was found. Null when no reading is good enough.
 */
export function decide(ix: UnitIndex, text: AddressText, rs: Reading[], scopeNotes: string[], factor = 1): Decision | null {
  if (!rs.length) return null;
  if (factor !== 1) for (const r of rs) r.score *= factor;
  let order = bestPerUnit(rs);
  if (order.length > 1) {
    order = withoutNestedNames(order);
    order.sort(byPreference);
  }
  const top = order[0]!;
  if (top.score < MIN_SCORE) return null;
  const notes = scopeNotes.length || top.notes.length ? [...scopeNotes, ...top.notes] : [];
  const street = top.communeStart > 0 ? textOf(text, 0, top.communeStart) || null : null;
  const ties: Reading[] = [];
  for (let i = 1; i < order.length; i++) if (order[i]!.score >= top.score - TIE) ties.push(order[i]!);

  if (top.kind === 'new') {
    return { score: top.score, outcome: { ok: true, result: currentResult(ix, top.ent, Math.min(1, top.score / NO_DISTRICT), street, notes) } };
  }

  const topTargets = targetSet(top);
  const rivals = ties.filter((r) => r.kind === 'old' && !sameSet(targetSet(r), topTargets));
  if (rivals.length) return { score: top.score, outcome: ambiguousOutcome(ix, top, rivals, ties, street, notes) };
  if (!top.district) notes.push('Địa chỉ không ghi quận/huyện cũ nên không đối chiếu được.');

  // an old reading preferred over an equally good new one
  const newTies = ties.filter((r) => r.kind === 'new');
  const consistent = newTies.find((r) => topTargets.includes(r.ent.code));
  const conflicting = newTies.filter((r) => !topTargets.includes(r.ent.code));
  const res = convertedResult(ix, top.ent, top.score, street, notes, consistent ? consistent.ent.code : null);
  if (!res) return null;
  if (conflicting.length) {
    for (const r of conflicting) {
      res.candidates.push(candidateOf(ix, r.ent.code, r.score)!);
      res.notes.push(`«${textOf(text, r.communeStart, r.communeEnd)}» cũng là tên của ${r.ent.name} (mã ${r.ent.code}) sau sắp xếp; nếu đây đã là địa chỉ mới thì chọn đơn vị đó.`);
    }
    res.confidence = round3(res.confidence * NEW_NAME_TIED);
  }
  return { score: top.score, outcome: { ok: true, result: res } };
}
