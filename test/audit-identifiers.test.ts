import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testRuntime } from './helpers/runtime.ts';

/**
 * The audit trail masks personal data by field: a record id that happens to hold a run of digits (a UUID
 * whose last group is twelve digits) is stored whole, in the target and in the metadata.
 */
describe('audit trail keeps record identifiers whole', async () => {
  const { rt } = await testRuntime({ reference: false });

  it('stores a delegation id with a twelve-digit group as it is, and still masks a citizen number', async () => {
    const id = '3f2a9c4e-7b1d-4e2a-9c3b-025190012345';
    await rt.ctx.services.audit!.append(rt.ctx.db, {
      actor: { kind: 'citizen', id: 'c-1', subject: '025190000123' },
      action: 'test.delegation.grant',
      target: `delegation:${id}`,
      meta: { delegationId: id, params: { id }, personal_id: '025190000123' },
    });
    const r = await rt.ctx.db.query<{ target: string; actor_subject: string; meta: { delegationId: string; params: { id: string }; personal_id: string } }>(
      `SELECT target, actor_subject, meta FROM audit.record WHERE action = 'test.delegation.grant'`,
    );
    const row = r.rows[0]!;
    assert.equal(row.target, `delegation:${id}`);
    assert.equal(row.meta.delegationId, id);
    assert.equal(row.meta.params.id, id);
    assert.equal(row.meta.personal_id, '025******123');
    assert.equal(row.actor_subject, '025******123');
  });
});
