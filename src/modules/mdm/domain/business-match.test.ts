/** Business entity resolution (Fellegi–Sunter, EM without labels) on generated enterprises and household businesses with known duplicates. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BUSINESS_COMPARISONS, DEFAULT_BUSINESS_MODEL, resolveBusinessRecords, scoreBusinessPair, surviveBusiness, toBusinessMatchRecord, type BusinessMatchRecord } from './business-match.ts';
import { standardiseBusiness } from './business.ts';
import { comparePair, evaluate } from './match.ts';
import { rng } from './synth.ts';

/** A deterministic generator: each business appears in 1–3 sources, with the errors legacy registers have. */
function generate(entities: number, seed = 7) {
  const rnd = rng(seed);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)]!;
  const families = ['nguyen', 'tran', 'le', 'pham', 'hoang', 'vu', 'dang', 'bui', 'do', 'ho', 'ngo', 'duong', 'khuc', 'luong'];
  const middles = ['van', 'thi', 'duc', 'minh', 'ngoc', 'thanh', 'huu'];
  const givens = ['an', 'binh', 'cuong', 'dung', 'giang', 'hoa', 'hung', 'lan', 'linh', 'mai', 'nam', 'phuong', 'quang', 'son', 'thao', 'trang', 'tuan', 'yen', 'hai', 'long'];
  const trades = ['tap hoa', 'thuong mai', 'xay dung', 'van tai', 'dien may', 'nong san', 'may mac', 'duoc pham', 'cafe', 'sua xe'];
  const streets = ['tran phu', 'le loi', 'hung vuong', 'nguyen trai', 'quang trung', 'hai ba trung'];
  const records: BusinessMatchRecord[] = [];
  const truth: number[] = [];
  const typo = (w: string) => (w.length > 3 ? w.slice(0, 2) + w.slice(3) : w + 'h');
  for (let e = 0; e < entities; e++) {
    const household = rnd() < 0.6;
    const owner = `${pick(families)} ${pick(middles)} ${pick(givens)}`;
    const ownerId = `0${25 + Math.floor(rnd() * 5)}${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}`;
    const commune = String(7900 + Math.floor(rnd() * 60));
    const name = household ? `${pick(trades)} ${owner.split(' ').pop()}` : `${pick(trades)} ${pick(givens)} ${pick(givens)}`;
    const taxBase = household ? '' : String(2600000000 + Math.floor(rnd() * 99999999));
    const address = `so ${1 + Math.floor(rnd() * 300)} ${pick(streets)}`;
    const phone = `09${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`;
    const registered = 20000000 + (5 + Math.floor(rnd() * 20)) * 10000 + (1 + Math.floor(rnd() * 12)) * 100 + 1 + Math.floor(rnd() * 28);
    const copies = 1 + (rnd() < 0.5 ? 1 : 0) + (rnd() < 0.2 ? 1 : 0);
    for (let c = 0; c < copies; c++) {
      const noisy = c > 0;
      const tax = household ? (rnd() < 0.5 ? ownerId : '') : noisy && rnd() < 0.15 ? '' : taxBase;
      records.push({
        name: noisy && rnd() < 0.25 ? name.split(' ').map((w, i, a) => (i === a.length - 1 ? typo(w) : w)).join(' ') : name,
        tax,
        taxBase: tax.length === 10 ? tax : '',
        owner: noisy && rnd() < 0.2 ? owner.split(' ').filter((_, i) => i !== 1).join(' ') : owner,
        ownerId: noisy && rnd() < 0.4 ? '' : ownerId,
        commune,
        oldCommune: '',
        address: noisy && rnd() < 0.3 ? '' : address,
        phone: noisy && rnd() < 0.3 ? '' : phone,
        registered: noisy && rnd() < 0.3 ? 0 : registered,
      });
      truth.push(e);
    }
  }
  return { records, truth };
}

/** The exact grouping used before: one golden record per tax code, else per name and commune. */
function exactBaseline(records: readonly BusinessMatchRecord[]): number[] {
  const keys = new Map<string, number>();
  return records.map((r, i) => {
    const k = r.tax ? `t:${r.tax}` : `n:${r.name}|${r.commune}`;
    if (!keys.has(k)) keys.set(k, i);
    return keys.get(k)!;
  });
}

describe('business entity resolution', () => {
  it('finds the duplicates of enterprises and household businesses far better than exact keys', () => {
    const { records, truth } = generate(3000);
    const res = resolveBusinessRecords(records);
    const m = evaluate(res.labels, truth);
    const base = evaluate(exactBaseline(records), truth);
    assert.ok(res.model.converged, 'EM converged');
    assert.ok(m.f1 >= 0.95, `pairwise F1 ${m.f1.toFixed(3)} (precision ${m.precision.toFixed(3)}, recall ${m.recall.toFixed(3)})`);
    assert.ok(m.precision >= 0.97, `precision ${m.precision.toFixed(3)}`);
    assert.ok(m.f1 > base.f1 + 0.1, `F1 ${m.f1.toFixed(3)} vs exact ${base.f1.toFixed(3)}`);
    // what EM learnt: an equal tax code is strong evidence, a different one strong evidence against
    const taxW = res.model.m[0]!.map((mm, l) => Math.log2(mm / res.model.u[0]![l]!));
    assert.ok(taxW[2]! > 5 && taxW[0]! < -3, JSON.stringify(taxW));
  });

  it('a household business without a tax code in one register matches its record with one (owner, name, commune)', () => {
    const { records } = generate(2000, 3);
    const model = resolveBusinessRecords(records).model;
    const a: BusinessMatchRecord = { name: 'tap hoa khuc lan', tax: '025190012345', taxBase: '', owner: 'khuc thi lan', ownerId: '025190012345', commune: '7901', oldCommune: '', address: 'so 12 tran phu', phone: '0912345678', registered: 20190301 };
    const b: BusinessMatchRecord = { ...a, tax: '', ownerId: '', name: 'tap hoa khuc lan', phone: '' };
    const s = scoreBusinessPair(model, a, b);
    assert.ok(s.probability > 0.99, JSON.stringify(s));
    assert.deepEqual(s.parts.map((p) => p.comparison), ['business_name', 'owner', 'address', 'registered']);
    // two branches of one enterprise are two businesses
    const p: BusinessMatchRecord = { name: 'van tai hung long', tax: '2600123456-001', taxBase: '2600123456', owner: 'tran van hung', ownerId: '', commune: '7902', oldCommune: '', address: '', phone: '', registered: 0 };
    const q: BusinessMatchRecord = { ...p, tax: '2600123456-002' };
    assert.ok(scoreBusinessPair(model, p, q).probability < 0.9);
    assert.equal(comparePair(p, q, BUSINESS_COMPARISONS) & 15, 1);
  });

  it('a stored model is used as given (an incremental run), with the same clusters as the run that learnt it', () => {
    const { records } = generate(1500, 5);
    const learnt = resolveBusinessRecords(records);
    const stored = JSON.parse(JSON.stringify(learnt.model));
    const again = resolveBusinessRecords(records, { model: stored });
    assert.equal(again.model, stored);
    assert.deepEqual(again.labels, learnt.labels);
  });

  it('a handful of records (too few to learn from) are scored by the default model', () => {
    const a: BusinessMatchRecord = { name: 'thuong mai hoa binh', tax: '0100112437', taxBase: '0100112437', owner: 'nguyen van an', ownerId: '', commune: '07909', oldCommune: '', address: 'so 12 tran phu', phone: '', registered: 20150305 };
    const b: BusinessMatchRecord = { ...a, phone: '0912345678', registered: 0 };
    const c: BusinessMatchRecord = { ...a, tax: '0100112437-001', address: 'so 40 hung vuong' };
    const r = resolveBusinessRecords([a, b, c]);
    assert.equal(r.model, DEFAULT_BUSINESS_MODEL);
    assert.equal(r.labels[0], r.labels[1]);
    assert.notEqual(r.labels[0], r.labels[2]);
  });

  it('standardised records feed the matcher; the golden record keeps lineage', () => {
    const x = standardiseBusiness({ name: 'CÔNG TY TNHH Thương mại Hoà Bình', tax_code: '0100112437', owner_name: 'Nguyễn Văn An', kind: 'Công ty TNHH' });
    const y = standardiseBusiness({ name: 'Cty TNHH thuong mai Hoa Binh', tax_code: '0100112437', phone: '0912 345 678', status: 'đang hoạt động' });
    const rx = toBusinessMatchRecord(x.business);
    const ry = toBusinessMatchRecord(y.business);
    assert.equal(rx.name, 'thuong mai hoa binh');
    assert.equal(rx.name, ry.name);
    assert.equal(comparePair(rx, ry, BUSINESS_COMPARISONS) & 0xff, 0x32); // tax equal (2), name equal (3)
    const g = surviveBusiness([
      { sourceId: 'dkkd', recordId: '1', trust: 0.9, business: x.business },
      { sourceId: 'thue', recordId: 'A', trust: 0.6, business: y.business },
    ]);
    assert.equal(g.data.name, 'CÔNG TY TNHH Thương mại Hoà Bình');
    assert.equal(g.lineage.name!.sourceId, 'dkkd');
    assert.equal(g.lineage.name!.rule, 'source-trust');
    assert.equal(g.data.phone, '0912345678');
    assert.equal(g.lineage.phone!.sourceId, 'thue');
    assert.equal(g.lineage.phone!.rule, 'completeness');
    assert.equal(g.data.status, 'active');
  });
});
