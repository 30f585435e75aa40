// Pure logic of the web front end (no browser): formatters, the three-input date, the document list,
// the timeline in plain words, the action forms' bodies, the due-date limit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { daysBetween, formatBytes, formatDate, formatDateLong, formatDateTime, formatMoney, parseDateParts, stripDiacritics, toDateParts } from '../../web/src/lib/format.ts';
import { groupDocuments, isConditional, shorten } from '../../web/src/api/documents.ts';
import { timelineItems } from '../../web/src/api/timeline.ts';
import { calendarLimit } from '../../web/src/api/catalog.ts';
import { actionBody, officeActions, ACTION_FIELDS } from '../../web/src/office/actions.ts';
import { vi } from '../../web/src/i18n/vi.ts';
import { photoKind, photoProblem } from '../../web/src/lib/photo.ts';
import type { RequiredDocument, TimelineEntry } from '../../web/src/api/types.ts';

describe('formatters', () => {
  it('writes dates as dd/mm/yyyy in Vietnam time whatever the zone of the instant', () => {
    assert.equal(formatDate('2026-02-25'), '25/02/2026');
    assert.equal(formatDate('2026-02-25T17:00:00+07:00'), '25/02/2026');
    assert.equal(formatDate('2026-02-24T18:30:00Z'), '25/02/2026'); // 01:30 the next day in Hà Nội
    assert.equal(formatDateTime('2026-02-25T02:05:00Z'), '09:05 25/02/2026');
    assert.equal(formatDateLong('2026-02-25T10:00:00+07:00'), 'Thứ Tư, 25/02/2026');
    assert.equal(formatDateLong('2026-03-01'), 'Chủ nhật, 01/03/2026');
    assert.equal(formatDate(null), '');
    assert.equal(formatDate('không phải ngày'), '');
  });

  it('writes money as "20.000 đ"', () => {
    assert.equal(formatMoney(20000), '20.000\u00a0đ');
    assert.equal(formatMoney(1234567), '1.234.567\u00a0đ');
    assert.equal(formatMoney(0), '0\u00a0đ');
    assert.equal(formatMoney(999), '999\u00a0đ');
  });

  it('writes sizes with a decimal comma', () => {
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(1536), '1,5 KB');
    assert.equal(formatBytes(10 * 1024 * 1024), '10 MB');
  });

  it('counts days in Vietnam’s calendar', () => {
    assert.equal(daysBetween('2026-02-25T23:30:00+07:00', '2026-02-26T00:10:00+07:00'), 1);
    assert.equal(daysBetween('2026-02-26', '2026-02-24'), -2);
  });

  it('strips diacritics, đ included', () => {
    assert.equal(stripDiacritics('Đăng ký khai sinh'), 'Dang ky khai sinh');
  });
});

describe('dates as three inputs', () => {
  it('accepts a real date and says why anything else is not one', () => {
    assert.deepEqual(parseDateParts({ day: '27', month: '3', year: '2007' }), { ok: true, value: '2007-03-27' });
    assert.deepEqual(parseDateParts({ day: '', month: '', year: '' }), { ok: false, reason: 'missing' });
    assert.deepEqual(parseDateParts({ day: '27', month: '', year: '2007' }), { ok: false, reason: 'incomplete' });
    assert.deepEqual(parseDateParts({ day: '30', month: '2', year: '2026' }), { ok: false, reason: 'invalid' });
    assert.deepEqual(parseDateParts({ day: '29', month: '2', year: '2028' }), { ok: true, value: '2028-02-29' });
    assert.deepEqual(parseDateParts({ day: 'a', month: '2', year: '2026' }), { ok: false, reason: 'invalid' });
    assert.deepEqual(parseDateParts({ day: '1', month: '1', year: '26' }), { ok: false, reason: 'invalid' });
    assert.deepEqual(toDateParts('2007-03-27'), { day: '27', month: '3', year: '2007' });
  });
});

describe('documents of a procedure', () => {
  const doc = (name: string, group: RequiredDocument['group'] = 'submit', section: string | null = null): RequiredDocument => ({ name, template: null, originals: 1, copies: null, group, section });
  const p = {
    documents: [
      doc('Tờ khai đăng ký khai sinh theo mẫu'),
      doc('Giấy chứng sinh'),
      doc('Trường hợp trẻ em bị bỏ rơi thì phải có biên bản'),
      doc('Văn bản ủy quyền trong trường hợp ủy quyền thực hiện'),
      doc('Giấy tờ tùy thân', 'present'),
      doc('Cá nhân có quyền lựa chọn nơi đăng ký', null, '* Lưu ý'),
    ],
  };

  it('sorts what to hand in, what to show and the notes', () => {
    const g = groupDocuments(p);
    assert.deepEqual(g.submit.map((d) => d.name.slice(0, 10)), ['Tờ khai đă', 'Giấy chứng', 'Trường hợp', 'Văn bản ủy']);
    assert.equal(g.present.length, 1);
    assert.equal(g.notes.length, 1);
  });

  it('tells a document needed only in some cases', () => {
    assert.equal(isConditional('Trường hợp trẻ em bị bỏ rơi'), true);
    assert.equal(isConditional('Văn bản ủy quyền (nếu có)'), true);
    assert.equal(isConditional('Giấy chứng sinh'), false);
  });

  it('shortens long names at a word boundary', () => {
    assert.equal(shorten('Giấy chứng sinh.'), 'Giấy chứng sinh');
    const s = shorten('Văn bản ủy quyền (được chứng thực) theo quy định của pháp luật trong trường hợp ủy quyền thực hiện việc đăng ký khai sinh');
    assert.ok(s.length <= 71 && s.endsWith('…') && !s.includes('  '), s);
  });
});

describe('the due date of a dossier submitted today', () => {
  it('counts a bare number as working days, as the dossier engine does', () => {
    assert.deepEqual(calendarLimit({ value: 1, unit: null, text: '1' }), { amount: 1, unit: 'working_days' });
    assert.deepEqual(calendarLimit({ value: 7, unit: 'working_days', text: '7 Ngày làm việc' }), { amount: 7, unit: 'working_days' });
    assert.deepEqual(calendarLimit({ value: 2, unit: 'weeks', text: '2 tuần' }), { amount: 10, unit: 'working_days' });
    assert.deepEqual(calendarLimit({ value: 1, unit: 'years', text: '1 năm' }), { amount: 12, unit: 'months' });
    assert.deepEqual(calendarLimit({ value: 90, unit: 'minutes', text: '90 phút' }), { amount: 1.5, unit: 'hours' });
    assert.equal(calendarLimit({ value: null, unit: null, text: 'Không có thông tin' }), null);
    assert.equal(calendarLimit(undefined), null);
  });
});

describe('the timeline in plain words', () => {
  const e = (action: string, at: string, actor = 'Trần Minh Hà', note: string | null = null): TimelineEntry => ({
    version: 1, action, actionLabel: action, fromStatus: null, toStatus: 'submitted', toStatusLabel: 'Mới đăng ký', fromStep: null, toStep: 0, stepName: null, fromUnit: null, toUnit: '07900', actor: { kind: 'official', name: actor, unit: null }, at, note, stepResult: null, data: {},
  });

  it('uses the catalogue’s words, folds the uploads of one moment and puts the newest first', () => {
    const items = timelineItems([e('submit', '2026-02-25T01:00:00Z', 'Hoàng Khánh Hòa'), e('attach', '2026-02-25T01:01:00Z', 'Hoàng Khánh Hòa', 'Giấy chứng sinh'), e('attach', '2026-02-25T01:02:00Z', 'Hoàng Khánh Hòa'), e('receive', '2026-02-25T02:00:00Z', 'Trần Minh Hà', 'Đủ giấy tờ')]);
    assert.deepEqual(items.map((i) => i.title), [vi.timeline.citizen.receive, vi.timeline.attached(2), vi.timeline.citizen.submit]);
    assert.equal(items[0]!.note, 'Đủ giấy tờ');
    assert.equal(items[0]!.by, null, 'citizens do not see officials’ names unless asked');
    assert.equal(timelineItems([e('receive', '2026-02-25T02:00:00Z')], { showActor: true })[0]!.by, 'Trần Minh Hà');
  });
});

describe('action forms of the back office', () => {
  it('offers exactly the actions the platform allows (no more, no fewer), the usual next step first', () => {
    assert.deepEqual(officeActions(['withdraw', 'forward', 'receive', 'refuse_reception', 'record_payment']), ['receive', 'forward', 'record_payment', 'refuse_reception', 'withdraw']);
    // a fee that is not owed, a step the official does not hold: the platform leaves them out, the page adds nothing
    assert.deepEqual(officeActions(['approve']), ['approve']);
    assert.deepEqual(officeActions([]), []);
  });

  it('builds the request body the dossier API expects, and names the fields to correct', () => {
    assert.deepEqual(actionBody('request_supplement', { items: 'Giấy chứng sinh\n\n Văn bản ủy quyền ', reason: 'Thiếu giấy tờ', contactPhone: ' 0210 3846 123 ' }).body, { items: ['Giấy chứng sinh', 'Văn bản ủy quyền'], reason: 'Thiếu giấy tờ', contactPhone: '0210 3846 123' });
    const missing = actionBody('request_supplement', { items: '  ' });
    assert.deepEqual(missing.errors.map((x) => x.field), ['action-items', 'action-reason', 'action-contactPhone']);
    assert.deepEqual(actionBody('apologize', { newDueAt: '2026-03-10', reason: 'Cần xác minh' }).body, { newDueAt: '2026-03-10T17:00:00+07:00', reason: 'Cần xác minh' });
    assert.deepEqual(actionBody('record_payment', { amount: '20.000', method: 'cash' }).body, { amount: 20000, method: 'cash' });
    assert.equal(actionBody('record_payment', { amount: 'hai mươi', method: 'cash' }).errors[0]!.field, 'action-amount');
    assert.deepEqual(actionBody('issue_result', {}).body, { electronic: true });
    assert.deepEqual(actionBody('appraise', { opinion: 'favourable' }).errors.map((x) => x.message), [vi.actionFields.enter(vi.actionFields.appraisalNote)]);
    assert.deepEqual(actionBody('receive', {}).body, {});
  });

  it('has a form and a label for every action an official can be offered', () => {
    for (const a of Object.keys(ACTION_FIELDS) as (keyof typeof ACTION_FIELDS)[]) {
      assert.ok(ACTION_FIELDS[a].length > 0, `no fields for ${a}`);
      assert.ok(vi.actions[a], `no label for ${a}`);
    }
    assert.deepEqual(actionBody('rate', { score: '5' }).body, { score: 5 }, 'a choice keeps the type the platform takes');
  });
});

describe('the public history', () => {
  it('folds repeated lines and says "attach" in words', async () => {
    const { historyItems } = await import('../../web/src/api/timeline.ts');
    const items = historyItems([
      { at: '2026-02-25T01:00:00Z', label: 'Nộp hồ sơ', status: 'submitted' },
      { at: '2026-02-25T01:01:00Z', label: 'attach', status: 'submitted' },
      { at: '2026-02-25T01:02:00Z', label: 'attach', status: 'submitted' },
      { at: '2026-02-25T02:00:00Z', label: 'Tiếp nhận hồ sơ', status: 'received' },
    ]);
    assert.deepEqual(items.map((i) => i.title), ['Tiếp nhận hồ sơ', vi.timeline.attached(2), 'Nộp hồ sơ']);
  });
});

describe('the portal’s check of a feedback photo', () => {
  const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]);
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  it('takes JPEG and PNG by their first bytes, as the platform does', () => {
    assert.equal(photoKind(jpeg), 'jpg');
    assert.equal(photoKind(png), 'png');
    assert.equal(photoProblem(jpeg, 'IMG_0001.JPG', 3_000_000), null);
    assert.equal(photoProblem(png, 'anh chup man hinh', 300_000), null);
    assert.equal(photoProblem(jpeg, 'anh.heic', 3_000_000), null, 'the platform judges by the content; .heic is not one of its extensions');
  });
  it('refuses what the platform would refuse, with the reason in Vietnamese', () => {
    assert.match(photoProblem(new TextEncoder().encode('%PDF-1.4'), 'anh.jpg', 2000)!, /^Chỉ nhận ảnh JPEG hoặc PNG/);
    assert.match(photoProblem(new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70]), 'IMG_0002.HEIC', 2_000_000)!, /HEIC/);
    assert.match(photoProblem(jpeg, 'anh.png', 2000)!, /đuôi \.png nhưng nội dung là ảnh JPEG/);
    assert.match(photoProblem(jpeg, 'anh.jpg', 10 * 1024 * 1024 + 1)!, /^Ảnh quá lớn \(10,0 MB; tối đa 10 MB\)/);
    assert.equal(photoProblem(new Uint8Array(0), 'anh.jpg', 0), 'Ảnh không có nội dung.');
  });
});
