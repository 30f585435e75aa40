/** Run configurations in JSON or YAML (same schema), mapping files of their own, and errors located by file, line and column. */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigFileError, loadRunConfig, parseConfigText } from './config-file.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mdm-config-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};
function problemsOf(fn: () => unknown): ConfigFileError['problems'] {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ConfigFileError, String(e));
    return e.problems;
  }
  assert.fail('no error');
}

const YAML_RUN = `# Hộ tịch tỉnh Hòa Bình cũ
sources:
  - source: ho-tich-17
    name: Hộ tịch tỉnh Hòa Bình cũ
    entity: person
    recordId: id
    trust: 0.9
    connector: { kind: csv, path: ho-tich-17.csv, delimiter: ";" }
    fields:
      full_name: ho_ten
      birth_date: ngay_sinh
      sex:
        column: gioi_tinh
        transform:
          - map: { "1": Nam, "2": Nữ }
            otherwise: "null"
      phone:
        column: dien_thoai
        transform: [{ null_if: ["0000000000"] }]
thresholds: { autoMerge: 0.99999, review: 0.9 }
`;

describe('run configuration files', () => {
  it('YAML and JSON with the same content give the same configuration', () => {
    const y = loadRunConfig(write('run.yaml', YAML_RUN));
    const j = loadRunConfig(write('run.json', JSON.stringify(y.config, null, 2)));
    assert.deepEqual(y.config, j.config);
    assert.deepEqual(y.mappings, j.mappings);
    assert.equal(y.mappings[0]!.trust, 0.9);
    assert.deepEqual(y.mappings[0]!.fields.sex, { column: 'gioi_tinh', transform: [{ map: { '1': 'Nam', '2': 'Nữ' }, otherwise: 'null' }] });
    assert.equal(y.baseDir, dir);
  });

  it('the example YAML run file is the JSON one', () => {
    const examples = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples', 'mdm');
    assert.deepEqual(loadRunConfig(path.join(examples, 'mdm-run.yaml')).config, loadRunConfig(path.join(examples, 'mdm-run.json')).config);
  });

  it('a mapping may live in a file of its own (YAML named from a JSON run file)', () => {
    const mapping = YAML_RUN.split('\n').slice(2, -2).map((l) => l.slice(4)).join('\n').replace(/^ {2}/, '').replace('- source', 'source');
    write('ho-tich-17.yml', mapping);
    const r = loadRunConfig(write('run-files.json', '{ "sources": ["ho-tich-17.yml"] }'));
    assert.equal(r.mappings[0]!.source, 'ho-tich-17');
    assert.equal(r.mappings[0]!.connector?.kind, 'csv');
  });

  it('validation problems name the file, line and column of the wrong setting (YAML)', () => {
    const bad = YAML_RUN.replace('entity: person', 'entity: robot').replace('trust: 0.9', 'trust: 9').replace('sex:\n', 'gender:\n');
    const problems = problemsOf(() => loadRunConfig(write('bad.yaml', bad)));
    const by = (p: string) => problems.find((x) => x.path === p);
    assert.equal(by('sources.0.entity')?.at?.line, 5, JSON.stringify(problems));
    assert.equal(by('sources.0.entity')?.at?.col, 13);
    assert.match(by('sources.0.entity')!.message, /person hoặc business/);
    assert.equal(by('sources.0.trust')?.at?.line, 7);
    assert.match(by('sources.0.trust')!.message, /từ 0 đến 1/);
  });

  it('validation problems are located in JSON too, and in a mapping file of its own', () => {
    const json = JSON.stringify({ sources: [{ source: 'a', entity: 'person', recordId: 'id', connector: { kind: 'csv', path: 'a.csv' }, fields: { full_name: 'ten', shoe_size: 'x' } }] }, null, 2);
    const problems = problemsOf(() => loadRunConfig(write('bad.json', json)));
    const p = problems.find((x) => x.path === 'sources.0.fields.shoe_size')!;
    assert.match(p.message, /không thuộc thực thể person/);
    assert.equal(p.at?.line, json.split('\n').findIndex((l) => l.includes('"shoe_size"')) + 1);
    write('m.yaml', 'source: b\nentity: person\nrecordId: id\nconnector: { kind: csv, path: b.csv }\nfields:\n  birth_date: ns\n');
    const own = problemsOf(() => loadRunConfig(write('run-m.yaml', 'sources:\n  - m.yaml\n')));
    assert.equal(own[0]!.path, 'sources.0.fields.full_name');
    assert.match(own[0]!.message, /Thiếu ánh xạ cho trường bắt buộc "full_name"/);
    assert.match(own[0]!.at!.file, /m\.yaml$/);
    assert.equal(own[0]!.at!.line, 6); // the nearest written parent: "fields"'s value
  });

  it('syntax errors give the line: YAML (bad indentation, duplicate key) and JSON', () => {
    const y = problemsOf(() => parseConfigText('sources:\n  - source: a\n    entity: person\n    entity: business\n', 'x.yaml'));
    assert.equal(y[0]!.at?.line, 4);
    assert.match(y[0]!.message, /YAML không hợp lệ/);
    const j = problemsOf(() => parseConfigText('{\n  "sources": [\n    { "source": "a", }\n  ]\n}\n', 'x.json'));
    assert.equal(j[0]!.at?.line, 3);
    assert.match(j[0]!.message, /không phải JSON hợp lệ/);
  });

  it('an empty or missing list of sources, and a missing mapping file, are clear errors', () => {
    assert.match(problemsOf(() => loadRunConfig(write('empty.yaml', 'sources: []\n')))[0]!.message, /ít nhất một nguồn/);
    const missing = problemsOf(() => loadRunConfig(write('missing.yaml', 'sources:\n  - khong-co.yaml\n')));
    assert.match(missing[0]!.message, /không đọc được tệp/);
    assert.equal(missing[0]!.at?.line, 2);
  });
});
