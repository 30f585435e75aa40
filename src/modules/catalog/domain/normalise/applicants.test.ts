import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseApplicantTypes } from './applicants.ts';

const codes = (s: string) => parseApplicantTypes(s).value.map((a) => a.code);

describe('parseApplicantTypes (Đối tượng thực hiện)', () => {
  it('keeps labels that contain commas whole', () => {
    assert.deepEqual(codes('Công dân Việt Nam, Cán bộ, công chức, viên chức'), ['citizen', 'public_servant']);
    assert.deepEqual(codes('Tổ chức (không bao gồm doanh nghiệp, HTX), Doanh nghiệp có vốn đầu tư nước ngoài, Doanh nghiệp'), [
      'organisation',
      'foreign_invested_enterprise',
      'enterprise',
    ]);
  });
  it('prefers the longest label ("Người nước ngoài cư trú tại Việt Nam" over "Người nước ngoài")', () => {
    assert.deepEqual(codes('Người nước ngoài cư trú tại Việt Nam, Người nước ngoài'), ['foreign_resident', 'foreigner']);
  });
  it('reads the 1.012784 list (Tách thửa hoặc hợp thửa đất)', () => {
    const r = parseApplicantTypes('Người Việt Nam định cư ở nước ngoài, Tổ chức (không bao gồm doanh nghiệp, HTX), Doanh nghiệp, Doanh nghiệp có vốn đầu tư nước ngoài, Công dân Việt Nam, Hợp tác xã');
    assert.equal(r.status, 'ok');
    assert.equal(r.value.length, 6);
  });
  it('keeps an unknown label with code "other" and reports it', () => {
    const r = parseApplicantTypes('Công dân Việt Nam, Hộ kinh doanh');
    assert.deepEqual(r.value[1], { code: 'other', label: 'Hộ kinh doanh' });
    assert.equal(r.status, 'partial');
    assert.equal(r.issues[0]!.kind, 'unknown-applicant-type');
  });
});
