import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseLevels } from './levels.ts';

describe('parseLevels (Cấp thực hiện)', () => {
  it('reads every label the catalogue uses', () => {
    assert.deepEqual(parseLevels('Cấp xã').value, ['commune']);
    assert.deepEqual(parseLevels('Cấp tỉnh, Cấp xã').value, ['province', 'commune']);
    assert.deepEqual(parseLevels('Cấp bộ, Cấp tỉnh, Cấp xã, Cơ quan khác').value, ['ministry', 'province', 'commune', 'other']);
    assert.equal(parseLevels('Cấp bộ').status, 'ok');
  });
  it('orders levels from the top whatever the published order', () => {
    assert.deepEqual(parseLevels('Cấp xã, Cấp bộ').value, ['ministry', 'commune']);
  });
  it('reports an unknown label instead of guessing', () => {
    const r = parseLevels('Cấp huyện');
    assert.deepEqual(r.value, []);
    assert.equal(r.status, 'failed');
    assert.deepEqual(r.issues, [{ kind: 'unknown-level', detail: 'Cấp huyện' }]);
    assert.equal(parseLevels('Cấp xã, Cấp huyện').status, 'partial');
  });
  it('treats an empty cell as empty', () => {
    assert.equal(parseLevels('').status, 'empty');
  });
});
