import { loadSynthNames } from '../cli.ts';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../../platform/config.ts';
import { readDataset } from '../../units/source.ts';
import { buildMatcher } from '../../units/domain/matcher.ts';
import { memoisedMatcher } from './address.ts';
import { BLOCKING_RULES, COMPARISONS, blockOfRecord, comparePair, evaluate, levelOf, resolve, toMatchRecord, trainModel, buildBlockIndex, candidatePairs, estimateU, scorePair, termFrequencies, type MatchRecord } from './match.ts';
import { PairTable } from './key-table.ts';
import { RealtimeIndex } from './realtime.ts';
import { generateSources, parseSurnameShares, RARER_FAMILIES } from './synth.ts';
import { communesOf } from '../../../../bench/mdm-data.ts';
import { parseMapping, MappingError } from './mapping.ts';
import { standardiseRow } from './pipeline.ts';
import { standardisePerson } from './person.ts';
import { survive, type ClusterMember } from './golden.ts';
import { QualityAccumulator } from './quality.ts';

const TODAY = '2026-12-01';
const rec = (p: Parameters<typeof standardisePerson>[0]) => toMatchRecord(standardisePerson(p, { today: TODAY }).person);
const level = (a: MatchRecord, b: MatchRecord, name: string) => levelOf(comparePair(a, b), COMPARISONS.findIndex((c) => c.name === name));

describe('comparison levels suited to Vietnamese records', () => {
  const base = rec({ full_name: 'Nguyễn Văn Bình', birth_date: '05/03/1985', sex: 'Nam', personal_id: '025085012345', phone: '0912345678' });
  it('names: diacritics ignored, middle name dropped, typo, swapped', () => {
    assert.equal(level(base, rec({ full_name: 'NGUYEN VAN BINH' }), 'name'), 5);
    assert.equal(level(base, rec({ full_name: 'Nguyễn Bình' }), 'name'), 4);
    assert.equal(level(base, rec({ full_name: 'Nguyễn Hữu Bình' }), 'name'), 2);
    assert.equal(level(base, rec({ full_name: 'Nguyễn Văn Bính' }), 'name'), 5); // marks only
    assert.equal(level(base, rec({ full_name: 'Nguyễn Văn Bnh' }), 'name'), 3);
    assert.equal(level(base, rec({ full_name: 'Trần Thị Lan' }), 'name'), 0);
    assert.equal(level(base, rec({ birth_date: '1985' }), 'name'), -1);
  });
  it('dates: exact, day/month swapped, typo, year only, different', () => {
    assert.equal(level(base, rec({ birth_date: '1985-03-05' }), 'birth'), 5);
    assert.equal(level(base, rec({ birth_date: '03/05/1985' }), 'birth'), 4);
    assert.equal(level(base, rec({ birth_date: '06/03/1985' }), 'birth'), 3);
    assert.equal(level(base, rec({ birth_date: '1985' }), 'birth'), 2);
    assert.equal(level(base, rec({ birth_date: '20/11/1985' }), 'birth'), 1);
    assert.equal(level(base, rec({ birth_date: '05/03/1986' }), 'birth'), 0);
  });
  it('ids: 12-digit with 12-digit, 9-digit with 9-digit, otherwise missing; phones after the 2018 conversion', () => {
    assert.equal(level(base, rec({ personal_id: '025085012345' }), 'id'), 1);
    assert.equal(level(base, rec({ personal_id: '025085012346' }), 'id'), 0);
    assert.equal(level(base, rec({ old_id: '131234567' }), 'id'), -1);
    assert.equal(level(rec({ old_id: '131234567' }), rec({ personal_id: '131234567' }), 'id'), 1);
    assert.equal(level(rec({ phone: '0381234567' }), rec({ phone: '01681234567' }), 'phone'), 1);
  });
  it('a household: a phone or commune shared with someone of another given name is no evidence', () => {
    const a = rec({ full_name: 'Lê Văn Quốc Vũ', phone: '0707396811', birth_date: '12/07/1984' });
    const twin = rec({ full_name: 'Lê Văn Cao Tiến', phone: '0707396811', birth_date: '12/07/1984' });
    assert.equal(level(a, twin, 'name'), 0);
    assert.equal(level(a, twin, 'phone'), -1);
    assert.equal(level(a, rec({ full_name: 'Le Van Quoc Vu', phone: '0707396811' }), 'phone'), 1);
  });
});

describe('EM without labels', () => {
  it('recovers m for two well-separated classes from pattern counts', () => {
    // one comparison with two levels ("id") + another ("sex"): matches agree 95%, non-matches 5%
    const comps = [COMPARISONS[2]!, COMPARISONS[5]!];
    const counts = new Map<number, number>();
    const add = (l0: number, l1: number, n: number) => counts.set(l0 | (l1 << 4), (counts.get(l0 | (l1 << 4)) ?? 0) + n);
    // 1000 matches: id agree 950, sex agree 990; 3000 non-matches: id agree 30, sex agree 1500
    add(1, 1, 950 * 0.99); add(1, 0, 950 * 0.01); add(0, 1, 50 * 0.99); add(0, 0, 50 * 0.01);
    add(1, 1, 30 * 0.5); add(1, 0, 30 * 0.5); add(0, 1, 2970 * 0.5); add(0, 0, 2970 * 0.5);
    const u = [[0.99, 0.01], [0.5, 0.5]];
    const m = trainModel(counts, u, { comparisons: comps, maxIterations: 2000 });
    assert.ok(m.converged);
    assert.ok(Math.abs(m.m[0]![1]! - 0.95) < 0.03, `m(id agree) ${m.m[0]![1]}`);
    assert.ok(Math.abs(m.lambda - 0.25) < 0.03, `lambda ${m.lambda}`);
  });
});

describe('resolution on generated sources with known duplicates', () => {
  const ds = readDataset(path.join(projectRoot, 'reference', 'admin-units'));
  const names = loadSynthNames();
  const gen = generateSources({ records: 6000, seed: 99, names, communes: communesOf(ds, '25'), year: 2026 });
  const matcher = memoisedMatcher(buildMatcher({ ...ds, today: TODAY }));
  const records: MatchRecord[] = [];
  const truth: number[] = [];
  for (const src of gen.sources) {
    const m = parseMapping(src.mapping);
    for (const row of src.rows) {
      const s = standardiseRow(row, m, { matcher, today: TODAY });
      if (!s.ok || s.entity !== 'person') continue;
      records.push(toMatchRecord(s.person));
      truth.push(gen.truth.get(`${src.id}:${s.recordId}`)!);
    }
  }

  it('the generator makes duplicates across differently shaped sources', () => {
    assert.equal(gen.sources.length, 4);
    assert.notDeepEqual(gen.sources[0]!.columns, gen.sources[3]!.columns);
    assert.ok(new Set(truth).size < records.length * 0.8);
  });

  it('beats the exact-match baseline and reaches high pairwise F1', () => {
    const res = resolve(records);
    const q = evaluate(res.labels, truth);
    assert.ok(q.f1 >= 0.95, `pairwise F1 ${q.f1}`);
    assert.ok(q.clusterF1 >= 0.93, `cluster F1 ${q.clusterF1}`);
    // EM learnt that matching ids are strong evidence and different full dates of birth are against
    const id = COMPARISONS.findIndex((c) => c.name === 'id');
    assert.ok(res.model.m[id]![1]! > 0.9);
    assert.ok(res.model.u[id]![1]! < 0.01);
  });

  it('a pair found by an earlier blocking rule is not repeated by a later one', () => {
    const ix = buildBlockIndex(records);
    const { pairs } = candidatePairs(records, ix);
    const seen = new Set<string>();
    for (let p = 0; p < pairs.length; p++) {
      const k = `${pairs.a[p]}|${pairs.b[p]}`;
      assert.ok(!seen.has(k), k);
      seen.add(k);
    }
  });

  it('blocking by numbers finds exactly the blocks of the key strings, and the same pairs', () => {
    // the generated records, and records that stress the parts of the keys (missing parts, year only, initials)
    const odd = [
      rec({ full_name: 'An', birth_date: '1990' }),
      rec({ full_name: 'Lê An', birth_date: '1990' }),
      rec({ full_name: 'Lê An', birth_date: '05/03/1990' }),
      rec({ full_name: 'Lê Ân', birth_date: '03/05/1990' }),
      rec({ full_name: 'Lê Anh', birth_date: '05/03/1990' }),
      rec({ full_name: 'Lê Văn An', birth_date: '1990', phone: '0912345678' }),
      rec({ full_name: 'Lê Văn An', birth_date: '05/1990', personal_id: '025090012345' }),
      rec({ birth_date: '05/03/1990', phone: '0912345678' }),
    ];
    const all = [...records, ...odd, ...odd];
    const byString = BLOCKING_RULES.map(({ code: _c, probeCode: _p, ...rule }) => rule);
    const fast = buildBlockIndex(all);
    const slow = buildBlockIndex(all, byString);
    assert.ok(fast.blockOf.every((t) => t instanceof PairTable) && slow.blockOf.every((t) => t instanceof Map));
    for (let r = 0; r < BLOCKING_RULES.length; r++) {
      assert.deepEqual(fast.block[r], slow.block[r], BLOCKING_RULES[r]!.name);
      assert.deepEqual(fast.size[r], slow.size[r], BLOCKING_RULES[r]!.name);
      for (const x of all) assert.equal(blockOfRecord(fast, r, x), blockOfRecord(slow, r, x), BLOCKING_RULES[r]!.name);
    }
    // an incoming record with a name never indexed finds no block
    const stranger = rec({ full_name: 'Ông Ích Khiêm', birth_date: '05/03/1990' });
    for (let r = 0; r < BLOCKING_RULES.length; r++) if (r >= 3) assert.equal(blockOfRecord(fast, r, stranger), -1);
    const a = candidatePairs(all, fast).pairs;
    const b = candidatePairs(all, slow).pairs;
    assert.deepEqual([a.a, a.b, a.code, a.rule].map((x) => x.subarray(0, a.length)), [b.a, b.b, b.code, b.rule].map((x) => x.subarray(0, b.length)));
  });

  it('term frequencies: a rare name agreeing weighs more than a common one', () => {
    const res = resolve(records);
    const tf = termFrequencies(records);
    const common = rec({ full_name: 'Nguyễn Thị Anh' });
    const rare = rec({ full_name: 'Khúc Thị Anh' });
    tf.name.set(common.name, 200);
    tf.name.set(rare.name, 1);
    const wc = scorePair(res.model, comparePair(common, common), common, common, tf).weight;
    const wr = scorePair(res.model, comparePair(rare, rare), rare, rare, tf).weight;
    assert.ok(wr > wc + 5, `${wr} vs ${wc}`);
  });

  it('real-time match finds the person among golden records', () => {
    const res = resolve(records);
    const rt = new RealtimeIndex(records, res.model);
    const probe = { ...records[10]! };
    const top = rt.match(probe, 3);
    assert.equal(top[0]?.index !== undefined && truth[top[0].index], truth[10]);
    assert.ok(top[0]!.parts.length > 0);
    void estimateU;
  });
});

describe('mapping validation', () => {
  it('reports every problem with its path, in Vietnamese', () => {
    try {
      parseMapping({ source: 'Bad Id', entity: 'person', recordId: 'id', fields: { ho_ten: 'x', birth_date: { column: 'a', columns: ['b'] } }, extra: 1 });
      assert.fail('should throw');
    } catch (e) {
      assert.ok(e instanceof MappingError);
      const paths = e.problems.map((p) => p.path);
      assert.ok(paths.includes('source'));
      assert.ok(paths.includes('fields.ho_ten'), paths.join(','));
      assert.ok(paths.includes('fields.full_name'));
      assert.match(e.message, /không hợp lệ/);
      assert.ok(e.problems.every((p) => !/^(Invalid|Unrecognized)/.test(p.message)), JSON.stringify(e.problems));
    }
  });
  it('transforms: map, replace, null_if, joined columns', () => {
    const m = parseMapping({
      source: 'x',
      entity: 'person',
      recordId: ['tinh', 'so'],
      fields: {
        full_name: { columns: ['ho', 'ten'], join: ' ' },
        sex: { column: 'gt', transform: [{ map: { '1': 'Nam', '2': 'Nữ' }, otherwise: 'null' }] },
        phone: { column: 'dt', transform: [{ null_if: ['0000000000'] }] },
      },
    });
    const s = standardiseRow({ tinh: '25', so: '7', ho: 'Lê', ten: 'Văn Tám', gt: '2', dt: '0000000000' }, m, { today: TODAY });
    assert.ok(s.ok && s.entity === 'person');
    if (s.ok && s.entity === 'person') {
      assert.equal(s.recordId, '25|7');
      assert.equal(s.person.name?.full, 'Lê Văn Tám');
      assert.equal(s.person.sex, 'female');
      assert.equal(s.person.phone, null);
    }
    assert.deepEqual(standardiseRow({ tinh: '25', so: '' }, m), { ok: false, reason: 'Bản ghi không có mã (cột recordId rỗng)' });
  });
});

describe('survivorship with lineage', () => {
  const member = (sourceId: string, trust: number, p: Parameters<typeof standardisePerson>[0], updatedAt: string | null = null): ClusterMember => {
    const s = standardisePerson(p, { today: TODAY });
    return { sourceId, recordId: '1', trust, updatedAt, person: s.person, issues: s.issues };
  };
  it('validity, completeness, agreement, trust, recency; conflicts on marital status', () => {
    const r = survive([
      member('a', 0.9, { full_name: 'Nguyen Van Binh', birth_date: '1985', marital_status: 'Đã kết hôn', phone: '0912345678' }, '2020-01-01'),
      member('b', 0.5, { full_name: 'Nguyễn Văn Bình', birth_date: '05/03/1985', marital_status: 'Chưa kết hôn', phone: '0987654321' }, '2024-01-01'),
      member('c', 0.5, { full_name: 'Nguyễn Văn Bình', phone: '0987654321' }, '2023-01-01'),
    ]);
    assert.equal(r.golden.full_name, 'Nguyễn Văn Bình');
    assert.equal(r.lineage.full_name!.rule, 'validity'); // the unaccented one is doubtful
    assert.equal(r.golden.birth_date, '1985-03-05');
    assert.equal(r.lineage.birth_date!.rule, 'validity'); // year-only is reported as doubtful
    assert.equal(r.golden.phone, '0987654321');
    assert.equal(r.lineage.phone!.rule, 'agreement');
    assert.equal(r.golden.marital_status, 'married');
    assert.equal(r.lineage.marital_status!.rule, 'source-trust');
    assert.equal(r.lineage.marital_status!.sourceId, 'a');
    assert.equal(r.conflicts.length, 1);
    assert.match(r.conflicts[0]!.message, /tình trạng hôn nhân.*Đã kết hôn.*Chưa kết hôn/);
  });
  it('recency decides between equally trusted sources; a single value says so', () => {
    const r = survive([member('a', 0.5, { full_name: 'Lê An', email: 'a@x.vn' }, '2020-01-01'), member('b', 0.5, { full_name: 'Lê An', email: 'b@x.vn' }, '2025-01-01')]);
    assert.equal(r.golden.email, 'b@x.vn');
    assert.equal(r.lineage.email!.rule, 'recency');
    assert.equal(r.lineage.full_name!.rule, 'all-agree');
    const one = survive([member('a', 0.5, { full_name: 'Lê An' })]);
    assert.equal(one.lineage.full_name!.rule, 'only-value');
  });
});

describe('quality scores', () => {
  it('correct, complete, clean, live per source and field', () => {
    const q = new QualityAccumulator(new Date('2026-12-01T00:00:00Z'));
    const add = (id: string, raw: Parameters<typeof standardisePerson>[0], seen: string) => q.add('s', 'person', id, raw as Record<string, unknown>, standardisePerson(raw, { today: TODAY }).issues, seen);
    add('1', { full_name: 'Lê An', birth_date: '05/03/1985', sex: 'Nam', personal_id: '025085012345', permanent_address: 'x' }, '2026-11-01T00:00:00Z');
    add('2', { full_name: 'LE AN', birth_date: '31/02/1985', sex: 'Nam' }, '2020-01-01T00:00:00Z');
    const r = q.report();
    const s = r.sources[0]!;
    assert.equal(s.records, 2);
    assert.equal(s.scores.complete, 0.5);
    assert.equal(s.scores.live, 0.5);
    assert.equal(s.fields.birth_date!.correct, 0.5);
    assert.equal(s.fields.full_name!.clean, 0.5);
    assert.ok(s.issues.some((i) => i.code === 'date-invalid' && i.examples.includes('2')));
  });
});
