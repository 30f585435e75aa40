import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DRAFT_TTL_DAYS, STAGED_UPLOAD_TTL_HOURS, draftExpiry, ownerKey, unavailableUploads, uploadExpiry, uploadsNamed } from './staging.ts';

describe('staged uploads and drafts (pure rules)', () => {
  it('keys a citizen by the account (identification number), an official by id — never by the session', () => {
    assert.equal(ownerKey({ kind: 'citizen', id: 'c-1', subject: '025194001234' }), 'citizen:025194001234');
    assert.equal(ownerKey({ kind: 'official', id: 'u-9', subject: 'tn.viettri' }), 'official:u-9');
    assert.notEqual(ownerKey({ kind: 'citizen', id: 'x', subject: '1' }), ownerKey({ kind: 'official', id: 'x', subject: '1' }));
  });

  it('states the expiry periods', () => {
    const at = new Date('2026-12-02T10:00:00Z');
    assert.equal(uploadExpiry(at).getTime() - at.getTime(), STAGED_UPLOAD_TTL_HOURS * 3_600_000);
    assert.equal(draftExpiry(at).toISOString(), new Date(at.getTime() + DRAFT_TTL_DAYS * 86_400_000).toISOString());
  });

  it('finds uploads named twice and uploads no longer available, by document key or position', () => {
    const a = '00000000-0000-4000-8000-00000000000a';
    const b = '00000000-0000-4000-8000-00000000000b';
    const docs = [
      { key: 'birthCertificate', name: 'Giấy chứng sinh', uploadId: a },
      { name: 'Giấy tờ khác', uploadId: a },
      { key: 'marriage', name: 'Giấy chứng nhận kết hôn', uploadId: b },
      { key: 'note', name: 'Không có tệp' },
    ];
    const named = uploadsNamed(docs);
    assert.deepEqual(named.ids, [a, b]);
    assert.deepEqual(named.duplicates.map((d) => d.path), ['documents.1']);
    assert.deepEqual(unavailableUploads(docs, new Set([a])).map((d) => d.path), ['documents.marriage']);
    assert.deepEqual(unavailableUploads(docs, new Set([a, b])), []);
  });
});
