import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { freshDb } from '../../test/helpers/db.ts';
import { loadMigrations, migrate } from './migrations.ts';
import { platformModule } from '../modules/index.ts';
import { emitEvent, OutboxRelay, type StoredEvent } from './outbox.ts';

describe('transactional outbox', async () => {
  const { db, drop } = await freshDb();
  after(drop);
  await migrate(db, loadMigrations([platformModule]));

  it('keeps an event only when its transaction commits', async () => {
    await db.transaction((tx) => emitEvent(tx, { type: 'test.thing.done', aggregateType: 'thing', aggregateId: '1', payload: { a: 1 } }));
    await assert.rejects(
      db.transaction(async (tx) => {
        await emitEvent(tx, { type: 'test.thing.done', aggregateType: 'thing', aggregateId: '2', payload: {} });
        throw new Error('rollback');
      }),
    );
    const r = await db.query<{ aggregate_id: string }>('SELECT aggregate_id FROM platform.outbox_event');
    assert.deepEqual(r.rows.map((x) => x.aggregate_id), ['1']);
  });

  it('delivers in order to matching subscribers and retries after a failure', async () => {
    await db.transaction((tx) => emitEvent(tx, { type: 'other.x.y', aggregateType: 'x', aggregateId: '3', payload: {} }));
    const relay = new OutboxRelay(db);
    const seen: string[] = [];
    let fail = true;
    relay.subscribe('test.*', async (e: StoredEvent) => {
      if (fail) {
        fail = false;
        throw new Error('transient');
      }
      seen.push(e.aggregateId);
    });
    assert.equal(await relay.relayOnce(), 0);
    assert.equal(await relay.relayOnce(), 2);
    assert.deepEqual(seen, ['1']);
    assert.equal(await relay.relayOnce(), 0);
  });
});
