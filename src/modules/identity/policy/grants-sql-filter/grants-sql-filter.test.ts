import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { freshDb } from '../../../../../test/helpers/db.ts';
import { fieldKey, type Principal, type RoleGrant } from '../../../../platform/access.ts';
import { can } from '../can/can.ts';
import { compilePolicy } from '../compile-policy/compile-policy.ts';
import { provinceFromCode } from '../grant-covers-unit/grant-covers-unit.ts';
import { grantsSqlFilter, type SqlFilterContext } from './grants-sql-filter.ts';

/** A small seeded PRNG (mulberry32): the same seed gives the same cases, so a failure can be replayed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const some = <T>(xs: readonly T[], max: number): T[] => Array.from({ length: int(max + 1) }, () => pick(xs));
  return { next, int, pick, some };
}

const COMMUNES: Record<string, string> = { '07900': '25', '07918': '25', '04795': '25', '00004': '01', '00007': '01' };
const UNITS = ['25', '01', ...Object.keys(COMMUNES), '25.STP', '25.STP.PHC', '25.SXD', '01.STP', '25.ST', '99999'];
const FIELDS = ['Hộ tịch', 'Đất đai', 'Chứng thực', 'Người có công'];
const SUBJECTS = ['025085012345', '025192004567', '026078003210'];
const ROLES = ['receiving_officer', 'specialist', 'leader', 'province_admin', 'citizen'];
const PERMISSIONS = ['t.dossier.read', 't.dossier.process', 't.other.manage'];

const ctx: SqlFilterContext = {
  policy: compilePolicy({
    't.dossier.read': ['receiving_officer', 'specialist', 'leader', 'province_admin', 'citizen'],
    't.dossier.process': ['specialist'],
    't.other.manage': ['province_admin'],
  }),
  provinceOf: (c) => provinceFromCode(c) ?? COMMUNES[c],
  unitsOfProvince: (p) => Object.keys(COMMUNES).filter((c) => COMMUNES[c] === p),
};

type R = ReturnType<typeof prng>;
/** A field as someone might have typed it: decomposed, in capitals, with spaces around. */
const spelling = (r: R, f: string) => r.pick([f, f.normalize('NFD'), f.toLocaleUpperCase('vi'), `  ${f} `, f.toLocaleLowerCase('vi')]);
const grant = (r: R): RoleGrant => ({
  role: r.pick(ROLES),
  unitCode: r.int(8) === 0 ? '*' : r.pick(UNITS),
  fields: r.int(3) === 0 ? '*' : r.some(FIELDS, 2).map((f) => spelling(r, f)),
});
function principal(r: R, i: number): Principal {
  const citizen = r.int(4) === 0;
  return {
    kind: citizen ? 'citizen' : 'official',
    id: `p${i}`,
    subject: citizen ? r.pick(SUBJECTS) : `u${i}`,
    displayName: 'P',
    // a citizen given grants (as the old model did) must gain nothing from them
    grants: Array.from({ length: r.int(4) }, () => grant(r)),
    scopes: r.int(6) === 0 ? r.some(PERMISSIONS, 2) : undefined,
    via: 'session',
  };
}

describe('grantsSqlFilter agrees with can() on generated grants and rows, on a real database', async () => {
  const { db, drop } = await freshDb();
  after(drop);
  await db.exec(`CREATE TABLE authz_row (id int PRIMARY KEY, units text[] NOT NULL, field_key text NOT NULL, owner text)`);

  it('selects exactly the rows can() allows (seeded PRNG; prints the counts)', async () => {
    const seed = Number(process.env.AUTHZ_SEED ?? 20251125);
    const r = prng(seed);
    const rows = Array.from({ length: 80 }, (_, id) => ({ id, units: r.some(UNITS, 4), field: spelling(r, r.pick(FIELDS)), owner: r.int(3) === 0 ? null : r.pick(SUBJECTS) }));
    for (const row of rows) await db.query('INSERT INTO authz_row (id, units, field_key, owner) VALUES ($1, $2, $3, $4)', [row.id, row.units, fieldKey(row.field), row.owner]);
    let checks = 0;
    let allowedPairs = 0;
    for (let i = 0; i < 250; i++) {
      const p = principal(r, i);
      for (const permission of PERMISSIONS) {
        const params: unknown[] = [];
        const where = grantsSqlFilter(p, permission, { units: 'units', fieldKey: 'field_key', owner: 'owner' }, ctx)((v) => `$${params.push(v)}`);
        const got = (await db.query<{ id: number }>(`SELECT id FROM authz_row WHERE ${where} ORDER BY id`, params)).rows.map((x) => x.id);
        const want = rows
          .filter((row) => can(p, permission, { owner: row.owner }, ctx) || row.units.some((u) => can(p, permission, { unitCode: u, field: row.field, owner: row.owner }, ctx)))
          .map((x) => x.id);
        assert.deepEqual(got, want, `seed ${seed}, principal ${i} ${JSON.stringify(p)}, ${permission}: SQL ${where}`);
        checks += rows.length;
        allowedPairs += want.length;
      }
    }
    console.log(`# grantsSqlFilter ≡ can(): ${checks} (principal, permission, row) cases, ${allowedPairs} allowed, seed ${seed}`);
    assert.ok(allowedPairs > 500 && allowedPairs < checks - 500, 'the generated cases exercise both answers');
  });

  it('keeps every value out of the SQL text', () => {
    const p: Principal = { kind: 'official', id: 'x', subject: 'x', displayName: 'x', via: 'session', grants: [{ role: 'leader', unitCode: "07900'; DROP TABLE x; --", fields: ["Hộ tịch' OR 1=1 --"] }] };
    const params: unknown[] = [];
    const sql = grantsSqlFilter(p, 't.dossier.read', { units: 'units', fieldKey: 'field_key' }, ctx)((v) => `$${params.push(v)}`);
    assert.doesNotMatch(sql, /DROP|OR 1=1/);
    assert.equal(params.length, 3);
  });

  it('gives a citizen their own rows only, and nothing without an owner column', () => {
    const c: Principal = { kind: 'citizen', id: 'c', subject: SUBJECTS[0]!, displayName: 'C', via: 'oidc', grants: [{ role: 'citizen', unitCode: '*', fields: '*' }] };
    const params: unknown[] = [];
    assert.equal(grantsSqlFilter(c, 't.dossier.read', { units: 'units', fieldKey: 'field_key', owner: 'owner' }, ctx)((v) => `$${params.push(v)}`), 'owner = ANY($1::text[])');
    assert.deepEqual(params, [[SUBJECTS[0]]]);
    assert.equal(grantsSqlFilter(c, 't.dossier.read', { units: 'units', fieldKey: 'field_key' }, ctx)(() => '$1'), 'false');
    assert.equal(grantsSqlFilter(c, 't.dossier.process', { units: 'units', fieldKey: 'field_key', owner: 'owner' }, ctx)(() => '$1'), 'false');
  });
});
