import { loadSynthNames } from './cli.ts';
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../platform/config.ts';
import { readDataset } from '../units/source.ts';
import { buildMatcher } from '../units/domain/matcher.ts';
import { memoisedMatcher } from './domain/address.ts';
import { AddressLookups } from './domain/lookups.ts';
import { parseMapping, type Mapping } from './domain/mapping.ts';
import { standardiseRow } from './domain/pipeline.ts';
import { resolve, toMatchRecord, type MatchRecord } from './domain/match.ts';
import { generateSources, parseSurnameShares, RARER_FAMILIES } from './domain/synth.ts';
import { fold, foldSlow } from './domain/text.ts';
import { communesOf } from '../../../bench/mdm-data.ts';
import { hashRaw } from './raw-hash.ts';
import { StandardisePool } from './parallel.ts';

const TODAY = '2026-12-01';
const ds = readDataset(path.join(projectRoot, 'reference', 'admin-units'));
const names = loadSynthNames();
const gen = generateSources({ records: 3000, seed: 99, names, communes: communesOf(ds, '25'), year: 2026 });
const sources = gen.sources.map((s) => ({ id: s.id, mapping: parseMapping(s.mapping), rows: s.rows as Record<string, unknown>[] }));
const matcher = buildMatcher({ ...ds, today: TODAY });

/** The single-thread path: every row with the memoised matcher at hand. */
function sequential(mapping: Mapping, rows: Record<string, unknown>[]) {
  const mm = memoisedMatcher(matcher);
  return rows.map((row) => standardiseRow(row, mapping, { matcher: mm, today: TODAY }));
}

describe('fold by table', () => {
  it('gives what the definition gives, for Vietnamese and for any other text', () => {
    const alphabet = 'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ ÀÁẢÃẠàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ\u00D0\u00F0\u0189\u0256\t\n\u00A0\u0301\u0323ßİẞΣςА中\u2003';
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let t = 0; t < 20_000; t++) {
      let s = '';
      const n = Math.floor(rnd() * 12);
      for (let i = 0; i < n; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
      if (rnd() < 0.3) s = s.normalize('NFD');
      assert.equal(fold(s), foldSlow(s), JSON.stringify(s));
    }
    for (let c = 0; c < 0x10000; c++) {
      const s = `a${String.fromCharCode(c)} b`;
      assert.equal(fold(s), foldSlow(s), c.toString(16));
    }
    assert.equal(fold('  Nguyễn   THỊ Ðào '), 'nguyen thi dao');
  });
});

describe('standardisation away from the matcher', () => {
  it('asks for each address part once and gives exactly the rows of the single-thread path', async () => {
    let asked = 0;
    const lookups = new AddressLookups(async (addresses) => {
      asked += addresses.length;
      return addresses.map((a) => matcher.convert(a));
    });
    for (const s of sources) {
      // in chunks, as the workers get them
      const got = [];
      for (let i = 0; i < s.rows.length; i += 700) got.push(...(await lookups.standardise(s.rows.slice(i, i + 700), s.mapping, TODAY)));
      assert.deepEqual(got, sequential(s.mapping, s.rows));
    }
    assert.equal(asked, lookups.cache.size);
    assert.ok(asked < 3000, `${asked} addresses asked`);
  });
});

describe('worker pool', () => {
  let pool: StandardisePool;
  before(async () => {
    pool = await StandardisePool.start({ workers: 2, matcher, today: TODAY });
  });
  after(() => pool.close());

  it('chunks standardised by two workers and put back in order give the same rows, hashes and clusters', async () => {
    const seqRecords: MatchRecord[] = [];
    const parRecords: MatchRecord[] = [];
    for (const s of sources) {
      const chunks = [];
      for (let i = 0; i < s.rows.length; i += 400) chunks.push(s.rows.slice(i, i + 400));
      const full = await Promise.all(chunks.map((rows) => pool.run(s.mapping, rows, 'full')));
      const seq = sequential(s.mapping, s.rows);
      assert.deepEqual(full.flatMap((c) => c.results), seq);
      assert.deepEqual(full.flatMap((c) => c.hashes), s.rows.map(hashRaw));
      const match = await Promise.all(chunks.map((rows) => pool.run(s.mapping, rows, 'match')));
      for (const x of seq) if (x.ok && x.entity === 'person') seqRecords.push(toMatchRecord(x.person));
      for (const c of match) parRecords.push(...c.records);
    }
    assert.deepEqual(parRecords, seqRecords);
    assert.deepEqual(resolve(parRecords).labels, resolve(seqRecords).labels);
  });

  it('a failing job rejects its promise and the pool goes on', async () => {
    const bad = { ...sources[0]!.mapping, fields: null } as unknown as Mapping; // mapRow throws on it
    await assert.rejects(pool.run(bad, sources[0]!.rows.slice(0, 2), 'full'), /null/);
    const ok = await pool.run(sources[0]!.mapping, sources[0]!.rows.slice(0, 5), 'full');
    assert.equal(ok.results.length, 5);
  });
});
