import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Deterministic Vietnamese names for demo people, from the lists in ./names (see its README).
 *
 * How it works: a 32-bit FNV-1a hash of a stable key (the username, or the identification number) seeds
 * a small PRNG; it draws a family name weighted by its share in the population, then either "Văn"/"Thị" +
 * a one-word given name (40 %) or a two-word middle + given pair (60 %), for the given sex. The same key
 * always gives the same name; the lists are normalised (U+00D0 "Ð" → "Đ", NFC) when read.
 */
const here = path.join(path.dirname(fileURLToPath(import.meta.url)), 'names');

function readList(file: string): string[] {
  return fs
    .readFileSync(path.join(here, file), 'utf8')
    .split('\n')
    .map((l) => l.replaceAll('\u00d0', '\u0110').normalize('NFC').trim())
    .filter((l) => l && l.split(/\s+/).length <= 2);
}

interface Lists {
  surnames: { name: string; share: number }[];
  total: number;
  pairs: Record<'male' | 'female', string[]>;
  single: Record<'male' | 'female', string[]>;
}

let lists: Lists | null = null;

function load(): Lists {
  if (lists) return lists;
  const surnames = fs
    .readFileSync(path.join(here, 'surname_share_reference.csv'), 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .filter((c) => c[1] && c[3])
    .map((c) => ({ name: c[1]!.normalize('NFC'), share: Number(c[3]) }));
  lists = {
    surnames,
    total: surnames.reduce((s, x) => s + x.share, 0),
    pairs: { male: readList('duyet_boy.txt'), female: readList('duyet_girl.txt') },
    single: { male: readList('duyet_boy_one_word.txt'), female: readList('duyet_girl_one_word.txt') },
  };
  return lists;
}

export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (const ch of Buffer.from(s, 'utf8')) {
    h ^= ch;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** mulberry32: a tiny PRNG, enough to spread choices evenly from a 32-bit seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function demoName(key: string, sex: 'male' | 'female'): string {
  const l = load();
  const next = rng(fnv1a(key));
  let pick = next() * l.total;
  let surname = l.surnames[0]!.name;
  for (const s of l.surnames) {
    if ((pick -= s.share) < 0) {
      surname = s.name;
      break;
    }
  }
  if (next() < 0.4) {
    const given = l.single[sex][Math.floor(next() * l.single[sex].length)]!;
    return `${surname} ${sex === 'male' ? 'Văn' : 'Thị'} ${given}`;
  }
  return `${surname} ${l.pairs[sex][Math.floor(next() * l.pairs[sex].length)]!}`;
}

/** Every family name, given name and middle + given pair of the lists (the password estimator's Vietnamese names). */
export function nameWords(): string[] {
  const l = load();
  return [...l.surnames.map((s) => s.name), ...l.single.male, ...l.single.female, ...l.pairs.male, ...l.pairs.female];
}
