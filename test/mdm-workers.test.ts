/**
 * Master data's worker threads end to end: a source of 25,000 generated rows — more than the 20,000 a
 * source reads before a run starts its worker pool — is run once on the calling thread alone
 * (`workers: 0`) and once with two workers, on the same database. The second run must write every
 * standardised row, issue and hash, and every golden record with its lineage and members, exactly as the
 * first did. Between the runs the stored standardised rows are blanked, so the second run has to
 * write them all again itself.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { testRuntime } from './helpers/runtime.ts';
import { writeSynth } from '../src/modules/mdm/cli.ts';

const ROWS = 25_000;

describe('master data: the worker pool gives what one thread gives', async () => {
  const { rt } = await testRuntime();
  const mdm = rt.ctx.services.mdm!;
  const db = rt.ctx.db;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mdm-workers-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  let config: { sources: Record<string, unknown>[] };

  before(async () => {
    // the generator's largest source is its province-wide insurance register (about 36 % of the rows)
    await writeSynth(rt.ctx.services.units!, dir, 90_000, 31);
    const all = JSON.parse(fs.readFileSync(path.join(dir, 'mdm-run.json'), 'utf8')) as { sources: Record<string, unknown>[] };
    const source = all.sources.find((s) => s.source === 'bhxh')!;
    const file = path.join(dir, (source.connector as { path: string }).path);
    const rows = parse(fs.readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
    assert.ok(rows.length > ROWS, `${rows.length} rows generated`);
    fs.writeFileSync(file, stringify(rows.slice(0, ROWS), { header: true, columns: Object.keys(rows[0]!) }));
    config = { sources: [source] };
  });

  const records = async () =>
    (
      await db.query<{ k: string; clean: unknown; issues: unknown; raw_hash: string; golden_id: string | null }>(
        `SELECT source_id || ':' || record_id AS k, clean, issues, raw_hash, golden_id FROM mdm.source_record ORDER BY source_id, record_id`,
      )
    ).rows;
  const goldens = async () =>
    (await db.query<{ id: string; data: unknown; lineage: unknown; conflicts: unknown; members: number; retired: boolean }>(`SELECT id, data, lineage, conflicts, members, retired FROM mdm.golden ORDER BY id`)).rows;

  it('standardises, resolves and keeps the same golden records on the calling thread and on two workers', async () => {
    const one = await mdm.run(config as never, { baseDir: dir, workers: 0 });
    assert.equal(one.read, ROWS);
    assert.equal(one.standardisedOnWorkers, 0);
    const recordsOne = await records();
    const goldensOne = await goldens();
    assert.equal(recordsOne.length, ROWS);
    assert.ok(one.golden > 1000 && one.golden < ROWS, JSON.stringify(one));

    await db.query(`UPDATE mdm.source_record SET clean = '{}'::jsonb, issues = '[]'::jsonb`);
    const two = await mdm.run(config as never, { baseDir: dir, workers: 2 });
    // the rows from the batch that reached 20,000 on went to the workers (a batch of 500, then chunks of 5,000)
    assert.equal(two.standardisedOnWorkers, ROWS - 19_500);
    assert.equal(two.read, ROWS);
    assert.equal(two.unchanged, ROWS);
    const recordsTwo = await records();
    assert.equal(recordsTwo.length, recordsOne.length);
    for (let i = 0; i < recordsOne.length; i++) assert.deepEqual(recordsTwo[i], recordsOne[i], recordsOne[i]!.k);
    assert.deepEqual(await goldens(), goldensOne);
    assert.deepEqual({ ...two, runId: 0, ms: 0, standardisedOnWorkers: 0, changed: 0, unchanged: 0 }, { ...one, runId: 0, ms: 0, changed: 0, unchanged: 0 });
  });
});
