import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Command } from 'commander';
import { integrationCommands } from '../src/modules/integration/cli.ts';
import { signHash } from '../src/modules/integration/domain/exchange-chain.ts';
import { createExchangeKeys, exchangeKeyId } from '../src/modules/integration/exchange-keys.ts';
import { testRuntime } from './helpers/runtime.ts';

/**
 * The exchange log's signing key is replaced (`lienthong exchange rotate-key`, ADR 0146): every entry keeps
 * the id of the key that signed it, `lienthong exchange verify` checks each with that key across rotations,
 * and still finds an edited entry, an unknown key, or a retired key used after its retirement.
 */
describe('exchange log key rotation', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-exchange-keys-'));
  const { rt } = await testRuntime({ env: { DATA_DIR: dataDir } });
  const svc = rt.ctx.services.integration!;
  const keyFile = path.join(dataDir, 'secrets', 'exchange.json');
  const out: string[] = [];
  const cli = async (...args: string[]) => {
    const program = new Command().exitOverride();
    integrationCommands(program, async () => rt.ctx, { write: (t: string) => out.push(t) });
    process.exitCode = 0;
    await program.parseAsync(['node', 'lienthong', ...args]);
    const code = process.exitCode;
    process.exitCode = 0;
    return code ?? 0;
  };
  const append = (operation: string, n: number) => svc.exchange.append({ system: 'population', direction: 'outbound', operation, request: { n }, response: { ok: n }, status: 200 });
  const rows = async () => (await rt.ctx.db.query<{ seq: string; key_id: string; operation: string; hash: string; signature: string }>(`SELECT seq, key_id, operation, hash, signature FROM integration.exchange_log ORDER BY seq`)).rows;

  let leakedFirstKey = '';
  it('verifies every entry with the key that signed it, across two rotations', async () => {
    for (let n = 1; n <= 3; n++) await append('population.verify', n);
    leakedFirstKey = (JSON.parse(fs.readFileSync(keyFile, 'utf8')) as { privateKeyPem: string }).privateKeyPem;
    assert.equal(await cli('exchange', 'rotate-key'), 0);
    assert.match(out.at(-1)!, /khóa cũ [0-9a-f]{16} vẫn dùng để kiểm tra các bản ghi đến số 3/);
    for (let n = 4; n <= 5; n++) await append('population.verify', n);
    assert.equal(await cli('exchange', 'rotate-key'), 0);
    await append('population.verify', 6);

    const log = await rows();
    assert.equal(log.length, 8, '6 exchanges and 2 rotations');
    const keys = log.map((r) => r.key_id);
    assert.equal(new Set(keys).size, 3);
    assert.deepEqual(keys, [keys[0], keys[0], keys[0], keys[3], keys[3], keys[3], keys[6], keys[6]]);
    assert.deepEqual(log.filter((r) => r.operation === 'exchange.key.rotate').map((r) => Number(r.seq)), [4, 7], 'each rotation is the new key’s first entry');
    const stored = JSON.parse(fs.readFileSync(keyFile, 'utf8')) as { privateKeyPem: string; retired: { keyId: string; lastSeq: number; publicKeyPem: string }[] };
    assert.deepEqual(stored.retired.map((r) => [r.keyId, r.lastSeq]), [[keys[0], 3], [keys[3], 6]]);
    assert.ok(!JSON.stringify(stored.retired).includes('PRIVATE KEY'), 'a retired key keeps only its public half');
    assert.equal(fs.statSync(keyFile).mode & 0o777, 0o600);

    assert.equal(await cli('exchange', 'verify'), 0);
    assert.match(out.at(-1)!, /nguyên vẹn: đã kiểm tra 8 bản ghi/);
  });

  it('another instance on the same data folder signs with the new key from its next entry', async () => {
    const other = createExchangeKeys({ dataDir });
    const before = other.signing().id;
    assert.equal(await cli('exchange', 'rotate-key'), 0);
    assert.notEqual(other.signing().id, before, 'the key file is read again when it changed');
    await append('population.verify', 7);
    assert.equal((await rows()).at(-1)!.key_id, other.signing().id);
    assert.equal(await cli('exchange', 'verify'), 0);
  });

  it('still finds an edited entry, an unknown key, and a retired key used after its retirement', async () => {
    const verifyBreaks = async (re: RegExp) => {
      assert.equal(await cli('exchange', 'verify'), 1);
      assert.match(out.at(-1)!, re);
    };
    // an entry signed by the first key, edited
    await rt.ctx.db.query(`UPDATE integration.exchange_log SET status = 201 WHERE seq = 2`);
    await verifyBreaks(/số 2 .*đã bị sửa/);
    await rt.ctx.db.query(`UPDATE integration.exchange_log SET status = 200 WHERE seq = 2`);
    assert.equal(await cli('exchange', 'verify'), 0);

    // an entry of the second key claimed by a key nobody knows
    const five = (await rows())[4]!;
    await rt.ctx.db.query(`UPDATE integration.exchange_log SET key_id = 'ffffffffffffffff' WHERE seq = 5`);
    await verifyBreaks(/số 5 .*không rõ nguồn gốc/);

    // the first key leaked after its retirement: what it signs after entry 3 is refused
    const first = crypto.createPrivateKey(leakedFirstKey);
    await rt.ctx.db.query(`UPDATE integration.exchange_log SET key_id = $2, signature = $3 WHERE seq = $1`, [5, exchangeKeyId(crypto.createPublicKey(first)), signHash(five.hash, first)]);
    await verifyBreaks(/số 5 .*khóa đã được thay trước khi bản ghi này được ghi/);
    await rt.ctx.db.query(`UPDATE integration.exchange_log SET key_id = $2, signature = $3 WHERE seq = $1`, [5, five.key_id, five.signature]);
    assert.equal(await cli('exchange', 'verify'), 0);
  });

  it('a key given by the environment is rotated by the operator: its retired public keys come from the environment', () => {
    const pem = (k: crypto.KeyObject, type: 'pkcs8' | 'spki') => k.export({ format: 'pem', type }).toString();
    const oldPair = crypto.generateKeyPairSync('ed25519');
    const newPair = crypto.generateKeyPairSync('ed25519');
    const keys = createExchangeKeys({ dataDir, signingKeyPem: pem(newPair.privateKey, 'pkcs8'), retiredPublicKeysPem: pem(oldPair.publicKey, 'spki') });
    assert.equal(keys.signing().id, exchangeKeyId(newPair.publicKey));
    assert.deepEqual([...keys.trusted().keys()].sort(), [exchangeKeyId(oldPair.publicKey), exchangeKeyId(newPair.publicKey)].sort());
    assert.throws(() => keys.rotate(1), /EXCHANGE_RETIRED_PUBLIC_KEYS/);
    assert.throws(() => createExchangeKeys({ dataDir, retiredPublicKeysPem: '-----BEGIN PUBLIC KEY-----\nkhông phải khóa\n-----END PUBLIC KEY-----' }));
  });
});
