import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { sampleAnswers } from '../src/modules/forms/index.ts';
import { dvcqgCaller } from '../src/modules/integration/national.ts';
import { testRuntime } from './helpers/runtime.ts';

/**
 * A client system is the first and only caller of a fresh process: its province grant must reach the
 * communes although no official has signed in (the policy point learns the province's communes for the
 * client's principal too, not only at officials' sign-in).
 */
describe('a client system alone in a fresh process', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-client-units-'));
  const { rt, app } = await testRuntime({ env: { DATA_DIR: dataDir } });
  const integration = rt.ctx.services.integration!;
  const system = { kind: 'system' as const, id: 'test', subject: 'test', displayName: 'Kiểm thử', grants: [], via: 'system' };

  it('reads a commune dossier with the dossiers.read scope', async () => {
    const created = await rt.ctx.services.dossiers!.create(
      { procedureCode: '1.001193', communeCode: '07900', channel: 'national_portal', applicant: { fullName: 'Trần Thị Hồng Nhung', idNumber: '025194001234' }, answers: sampleAnswers('1.001193')!, documents: [{ key: 'birthCertificate', name: 'Giấy chứng sinh', copies: 1 }] },
      dvcqgCaller(),
    );
    const code = created.dossier.code;
    const { secret } = await integration.clients.register(system, { id: 'he-thong-doc', name: 'Hệ thống đọc', agencyName: 'Sở Tư pháp', scopes: ['dossiers.read'], ratePerMinute: 100, dailyQuota: 100 });
    const { access_token } = await integration.clients.issueToken('he-thong-doc', secret, undefined);
    const r = await app.inject({ url: `/api/v1/dossiers/${encodeURIComponent(code)}`, headers: { authorization: `Bearer ${access_token}` } });
    assert.equal(r.statusCode, 200, r.body);
    const list = await app.inject({ url: '/api/v1/dossiers?unit=07900', headers: { authorization: `Bearer ${access_token}` } });
    assert.equal(list.statusCode, 200, list.body);
    assert.ok(list.json().items.some((d: { code: string }) => d.code === code));
  });
});
