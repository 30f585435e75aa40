import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoName } from './names.ts';

describe('demoName', () => {
  it('gives the same three-word Vietnamese name for the same key, every time', () => {
    const a = demoName('tn.viettri', 'female');
    assert.equal(demoName('tn.viettri', 'female'), a);
    assert.equal(a.split(' ').length, 3);
    assert.equal(a, a.normalize('NFC'));
  });

  it('never writes the Icelandic Eth of the source lists', () => {
    for (let i = 0; i < 500; i++) assert.doesNotMatch(demoName(`k${i}`, i % 2 ? 'male' : 'female'), /\u00d0/);
  });

  it('spreads family names roughly by their share (Nguyễn the commonest)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const s = demoName(`user${i}`, 'male').split(' ')[0]!;
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
    assert.equal(top[0], 'Nguyễn');
    assert.ok(top[1] > 2000 * 0.3 && top[1] < 2000 * 0.55, String(top[1]));
  });
});
