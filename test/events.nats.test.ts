import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, describe, it } from 'node:test';
import { freshDb } from './helpers/db.ts';
import { loadMigrations, migrate } from '../src/platform/migrations.ts';
import { platformModule } from '../src/modules/index.ts';
import { emitEvent, OutboxRelay } from '../src/platform/outbox.ts';
import { createLogger } from '../src/platform/logger.ts';
import { natsPublisher } from '../src/modules/events/nats.ts';

/**
 * The NATS JetStream publisher against a real server (NATS_TEST_URL, started by .ci/run): a stream per
 * province, subjects lienthong.<province>.<module>.<aggregate>.<verb>, de-duplicated by event id.
 */
const url = process.env.NATS_TEST_URL;

describe('NATS JetStream publisher', { skip: url ? false : 'NATS_TEST_URL chưa đặt: bỏ qua kiểm thử NATS (.ci/run khởi động nats-server và đặt biến này)' }, async () => {
  if (!url) return;
  const { db, drop } = await freshDb();
  after(drop);
  await migrate(db, loadMigrations([platformModule]));
  const { connect } = await import('@nats-io/transport-node');
  const { jetstreamManager } = await import('@nats-io/jetstream');
  const nc = await connect({ servers: url });
  const jsm = await jetstreamManager(nc);
  // a province code of its own for this run, so that runs do not see each other's messages
  const province = String(10 + crypto.randomInt(80));
  const stream = `LIENTHONG_${province}`;
  await jsm.streams.delete(stream).catch(() => undefined);
  after(async () => {
    await jsm.streams.delete(stream).catch(() => undefined);
    await nc.close();
  });

  const relay = new OutboxRelay(db);
  relay.declarePublic({ types: ['dossiers.dossier.*'], readPermission: 'dossiers.read', data: (e) => ({ code: e.payload.code, toStatus: e.payload.toStatus }) });
  const pub = natsPublisher({ url, events: relay, log: createLogger('silent'), provinceCode: undefined, name: `events.nats.test${province}` });
  relay.subscribe(pub.subscriber);
  after(() => pub.close());

  it('publishes public events as CloudEvents to the province stream, once per event id', async () => {
    const emit = (type: string, code: string, toStatus: string) =>
      db.transaction((tx) => emitEvent(tx, { type, aggregateType: 'dossier', aggregateId: code, payload: { code, toStatus, provinceCode: province, applicant: { fullName: 'Hoàng Minh Đức' } } }));
    await emit('dossiers.dossier.received', 'H1', 'received');
    await emit('dossiers.dossier.forwarded', 'H1', 'processing');
    await emit('notifications.message.sent', 'H1', 'x'); // not public: never leaves
    await relay.drain();
    // delivered again (a restart after publishing, before saving the position): JetStream drops the copies
    await relay.rewind(pub.subscriber.name, new Date(0));
    await relay.drain();
    const info = await jsm.streams.info(stream);
    assert.deepEqual(info.config.subjects, [`lienthong.${province}.>`]);
    assert.equal(info.state.messages, 2, 'two public events, each once');
    const first = await jsm.streams.getMessage(stream, { seq: 1 });
    assert.equal(first!.subject, `lienthong.${province}.dossiers.dossier.received`);
    const ce = first!.json<{ specversion: string; type: string; data: Record<string, unknown>; id: string }>();
    assert.equal(ce.specversion, '1.0');
    assert.equal(ce.type, 'vn.lienthong.dossiers.dossier.received');
    assert.deepEqual(ce.data, { code: 'H1', toStatus: 'received' });
    assert.equal(first!.header?.get('Nats-Msg-Id'), ce.id);
    const second = await jsm.streams.getMessage(stream, { seq: 2 });
    assert.equal(second!.subject, `lienthong.${province}.dossiers.dossier.forwarded`);
  });
});
