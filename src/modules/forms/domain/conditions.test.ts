import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applies, comparedValues, fieldsOf, holds, isFilled } from './conditions.ts';

describe('conditions', () => {
  const ctx = { answers: { kind: 'abandoned', name: '  ', surrogacy: true, note: 'x' } };

  it('a value is given when it is non-blank text or a tick', () => {
    assert.equal(isFilled('a'), true);
    assert.equal(isFilled('  '), false);
    assert.equal(isFilled(''), false);
    assert.equal(isFilled(true), true);
    assert.equal(isFilled(false), false);
    assert.equal(isFilled(undefined), false);
  });

  it('equals compares trimmed text and ticks; an absent tick equals false', () => {
    assert.equal(holds({ field: 'kind', equals: 'abandoned' }, ctx), true);
    assert.equal(holds({ field: 'kind', equals: 'normal' }, ctx), false);
    assert.equal(holds({ field: 'surrogacy', equals: true }, ctx), true);
    assert.equal(holds({ field: 'missing', equals: false }, ctx), true);
    assert.equal(holds({ field: 'missing', equals: true }, ctx), false);
    assert.equal(holds({ field: 'kind', equals: true }, ctx), false);
    assert.equal(holds({ field: 'kind', equals: ' abandoned ' }, { answers: { kind: 'abandoned' } }), false);
    assert.equal(holds({ field: 'kind', equals: 'abandoned' }, { answers: { kind: ' abandoned ' } }), true);
  });

  it('in, filled, all, any, not', () => {
    assert.equal(holds({ field: 'kind', in: ['normal', 'abandoned'] }, ctx), true);
    assert.equal(holds({ field: 'kind', in: ['normal'] }, ctx), false);
    assert.equal(holds({ field: 'surrogacy', in: ['true'] }, ctx), false);
    assert.equal(holds({ field: 'name', filled: false }, ctx), true);
    assert.equal(holds({ field: 'note', filled: true }, ctx), true);
    assert.equal(holds({ all: [{ field: 'note', filled: true }, { field: 'kind', equals: 'abandoned' }] }, ctx), true);
    assert.equal(holds({ all: [{ field: 'note', filled: true }, { field: 'kind', equals: 'x' }] }, ctx), false);
    assert.equal(holds({ any: [{ field: 'note', filled: false }, { field: 'kind', equals: 'abandoned' }] }, ctx), true);
    assert.equal(holds({ any: [{ field: 'note', filled: false }, { field: 'kind', equals: 'x' }] }, ctx), false);
    assert.equal(holds({ not: { field: 'kind', equals: 'x' } }, ctx), true);
  });

  it('a channel condition holds on its channels, and when the channel is not known', () => {
    assert.equal(holds({ channel: ['counter', 'post'] }, { answers: {}, channel: 'counter' }), true);
    assert.equal(holds({ channel: ['counter', 'post'] }, { answers: {}, channel: 'online' }), false);
    assert.equal(holds({ channel: ['counter'] }, { answers: {} }), true);
  });

  it('an absent condition applies', () => {
    assert.equal(applies(undefined, ctx), true);
    assert.equal(applies({ field: 'kind', equals: 'x' }, ctx), false);
  });

  it('lists the fields and compared values a condition reads', () => {
    const c = { all: [{ field: 'a', equals: 'x' }, { not: { field: 'b', in: ['y', 'z'] } }, { any: [{ field: 'c', filled: true }, { channel: ['online' as const] }] }] };
    assert.deepEqual(fieldsOf(c), ['a', 'b', 'c']);
    assert.deepEqual(comparedValues(c), [
      { field: 'a', value: 'x' },
      { field: 'b', value: 'y' },
      { field: 'b', value: 'z' },
    ]);
  });
});
