import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { departmentFor, demoOfferingFor, DEMO_DEFAULT_AGENCY } from './demo-offering.ts';
import { catalogueFee, cleanOfferingInput, effectiveFee } from './offering.ts';
import type { Fee } from '../types.ts';

const fee = (amount: number | null, status: Fee['status'] = amount === null ? 'free' : 'charged'): Fee => ({
  status,
  amount_vnd: amount,
  amount,
  currency: amount === null ? null : 'VND',
  description: null,
  set_by_province: false,
});

describe('offering rules', () => {
  it('keeps only the fields of the scope, deduplicated and sorted', () => {
    assert.deepEqual(cleanOfferingInput({ scope: 'communes', commune_codes: ['08869', '08866', '08869'], note: '  ' }), {
      scope: 'communes',
      commune_codes: ['08866', '08869'],
      agency_code: null,
      fee_override_vnd: null,
      online: null,
      note: null,
    });
    assert.equal(cleanOfferingInput({ scope: 'agency', agency_code: '25.STP', commune_codes: ['08866'] }).commune_codes.length, 0);
  });
  it('the fee of a channel falls back to the first row', () => {
    const options = [
      { channel: 'online' as const, processing_time: { value: 7, unit: 'working_days' as const, text: '' }, fee: fee(10000), description: null },
      { channel: 'in_person' as const, processing_time: { value: 7, unit: 'working_days' as const, text: '' }, fee: fee(20000), description: null },
    ];
    assert.equal(catalogueFee({ channel_options: options })?.amount_vnd, 20000);
    assert.equal(catalogueFee({ channel_options: options }, 'online')?.amount_vnd, 10000);
    assert.equal(catalogueFee({ channel_options: options }, 'post')?.amount_vnd, 10000);
    assert.equal(catalogueFee({ channel_options: [] }), null);
  });
  it('an override wins; an unknown catalogue fee stays unknown', () => {
    assert.deepEqual(effectiveFee(fee(20000), 15000), { source: 'override', status: 'charged', amount_vnd: 15000, description: null });
    assert.equal(effectiveFee(fee(20000), 0).status, 'free');
    assert.equal(effectiveFee(fee(null, 'unknown'), null).source, 'unknown');
    assert.equal(effectiveFee(fee(20000), null).source, 'catalogue');
  });
});

describe('demo offering table (Tỉnh Phú Thọ, 25)', () => {
  it('maps fields to departments, diacritics- and case-insensitively', () => {
    assert.equal(departmentFor('Hộ tịch'), '25.STP');
    assert.equal(departmentFor('ĐẤT ĐAI'), '25.SNNMT');
    assert.equal(departmentFor('Đường bộ'), '25.SXD');
    assert.equal(departmentFor('Quản lý xuất nhập cảnh'), '25.CAT');
    assert.equal(departmentFor('Khám bệnh, chữa bệnh'), '25.SYT');
    assert.equal(departmentFor('Thuế'), DEMO_DEFAULT_AGENCY.agency_code);
  });
  it('communes receive commune-level procedures, departments province-level ones, ministries nothing', () => {
    assert.deepEqual(demoOfferingFor({ field: 'Hộ tịch', levels: ['commune'] }), { scope: 'all_communes', agency_code: null });
    assert.deepEqual(demoOfferingFor({ field: 'Đất đai', levels: ['province'] }), { scope: 'agency', agency_code: '25.SNNMT' });
    assert.deepEqual(demoOfferingFor({ field: 'Hộ tịch', levels: ['province', 'commune'] }), { scope: 'all_communes', agency_code: null });
    assert.equal(demoOfferingFor({ field: 'Hải quan', levels: ['ministry'] }), null);
    assert.equal(demoOfferingFor({ field: 'Tòa án', levels: ['other'] }), null);
  });
});
