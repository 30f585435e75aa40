import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../../../platform/config.ts';
import { normaliseProcedure, type Normalised, type RawProcedure } from './procedure.ts';
import { createReportBuilder, formatReport } from './report.ts';

/** Real records from the shipped catalogue (reference/procedures). */
function realRecords(codes: string[]): Map<string, RawProcedure> {
  const dir = path.join(projectRoot, 'reference', 'procedures');
  const out = new Map<string, RawProcedure>();
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.jsonl'))) {
    for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      const m = /"ma_thu_tuc": "([^"]+)"/.exec(line);
      if (m && codes.includes(m[1]!)) out.set(m[1]!, JSON.parse(line) as RawProcedure);
    }
  }
  return out;
}

const recs = realRecords(['1.001193', '1.012784', '1.004222']);
const norm = (code: string) => {
  const n = normaliseProcedure(recs.get(code)!);
  assert.ok(!('error' in n));
  return n as Normalised;
};

describe('normaliseProcedure on real records', () => {
  it('1.001193 Đăng ký khai sinh', () => {
    const { procedure: p, status } = norm('1.001193');
    assert.equal(p.name, 'Thủ tục đăng ký khai sinh');
    assert.equal(p.field, 'Hộ tịch');
    assert.deepEqual(p.levels, ['commune']);
    assert.deepEqual(p.channels, ['online', 'in_person', 'post']);
    assert.deepEqual(p.channel_options[0]!.processing_time, { value: 1, unit: null, text: '1' });
    assert.ok(p.documents.some((d) => d.group === 'submit' && d.name.startsWith('Giấy chứng sinh')));
    assert.ok(p.documents.some((d) => d.group === 'present'));
    assert.ok(p.legal_basis.some((l) => l.number === '123/2015/NĐ-CP'));
    assert.deepEqual(p.results, [{ name: 'Giấy khai sinh', code: 'KQ.G15.000031' }]);
    assert.equal(p.decision_number, '163/QĐ-BTP');
    assert.match(p.source_url ?? '', /^https:\/\/dichvucong\.gov\.vn\/thu-tuc-hanh-chinh\//);
    assert.equal(p.conditions, null);
    assert.equal(status.processing_time, 'partial'); // a bare "1": unit unknown
    assert.ok(p.documents_raw?.includes('Giấy tờ phải nộp'));
  });
  it('1.012784 Tách thửa hoặc hợp thửa đất is a province procedure of Đất đai', () => {
    const { procedure: p, search } = norm('1.012784');
    assert.equal(p.name, 'Tách thửa hoặc hợp thửa đất');
    assert.deepEqual(p.levels, ['province']);
    assert.equal(p.field, 'Đất đai');
    const inPerson = p.channel_options.find((o) => o.channel === 'in_person')!;
    assert.deepEqual(inPerson.processing_time, { value: 22, unit: 'working_days', text: '22 Ngày làm việc' });
    assert.equal(p.documents.length, 4);
    assert.equal(search.name, 'tach thua hoac hop thua dat');
  });
  it('1.004222 Đăng ký thường trú costs 20.000 đ in person', () => {
    const { procedure: p } = norm('1.004222');
    assert.equal(p.channel_options.find((o) => o.channel === 'in_person')!.fee.amount_vnd, 20000);
    assert.equal(p.channel_options.find((o) => o.channel === 'online')!.fee.amount_vnd, 10000);
    assert.deepEqual(p.applicant_types.map((a) => a.code), ['overseas_vietnamese', 'citizen']);
    assert.equal(p.results.length, 4);
  });
  it('the digest changes with the content and not otherwise', () => {
    const a = normaliseProcedure(recs.get('1.001193')!) as Normalised;
    const b = normaliseProcedure(recs.get('1.001193')!) as Normalised;
    const c = normaliseProcedure({ ...recs.get('1.001193')!, ten_thu_tuc: 'Thủ tục đăng ký khai sinh (sửa)' }) as Normalised;
    assert.equal(a.hash, b.hash);
    assert.notEqual(a.hash, c.hash);
  });
  it('refuses a record without a valid code or a name', () => {
    assert.match((normaliseProcedure({ ma_thu_tuc: 'abc', ten_thu_tuc: 'x' }) as { error: string }).error, /mã thủ tục không hợp lệ/);
    assert.match((normaliseProcedure({ ma_thu_tuc: '1.000001', ten_thu_tuc: '' }) as { error: string }).error, /không có tên/);
  });
});

describe('import report', () => {
  it('counts statuses and issues per field with example codes', () => {
    const b = createReportBuilder();
    for (const code of ['1.001193', '1.012784', '1.004222']) b.add(norm(code));
    const fields = b.build();
    assert.equal(fields.levels!.ok, 3);
    assert.equal(fields.processing_time!.partial, 1);
    assert.deepEqual(fields.processing_time!.issues['time-unit-missing'], { count: 1, examples: ['1.001193'] });
    const text = formatReport({ source_dir: '/x', total: 3, inserted: 3, updated: 0, unchanged: 0, rejected: [], fields, duration_ms: 1200 });
    assert.match(text, /Thời hạn giải quyết: 2 \/ 0 \/ 1 \/ 0/);
    assert.match(text, /ví dụ 1\.001193/);
  });
});
