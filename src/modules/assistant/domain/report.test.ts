import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { contactIn, detectReport, draftPrompt, formLink, guessCategory, isCancel, isConfirm, placePhrase, stageOf, withoutContact, type ReportDraft } from './report.ts';

const draft = (over: Partial<ReportDraft> = {}): ReportDraft => ({
  category: 'dien_nuoc',
  categoryLabel: 'Điện, nước, hạ tầng',
  text: 'đèn đường ở thôn 3 bị hỏng',
  place: 'thôn 3',
  communeCode: null,
  communeName: null,
  unitName: null,
  answerWorkingDays: null,
  phone: null,
  email: null,
  ...over,
});

describe('assistant: a person reporting a problem', () => {
  it('recognises reports, with or without diacritics, and guesses the category', () => {
    assert.equal(detectReport('đèn đường ở thôn 3 bị hỏng')?.category, 'dien_nuoc');
    assert.equal(detectReport('den duong o thon 3 bi hong')?.category, 'dien_nuoc');
    assert.equal(detectReport('phản ánh rác thải tồn đọng ở đầu ngõ 12 đường Lê Lợi')?.category, 'moi_truong');
    assert.equal(detectReport('mặt đường có nhiều ổ gà nguy hiểm')?.category, 'giao_thong');
    assert.equal(detectReport('quán karaoke gây ồn đến nửa đêm')?.category, 'an_ninh_trat_tu');
    assert.equal(detectReport('hồ sơ của tôi bị trễ hẹn mà không ai báo')?.category, 'dich_vu_cong');
    assert.equal(guessCategory('kiến nghị làm thêm lớp mầm non'), 'giao_duc');
    assert.equal(detectReport('kiến nghị về việc khác')?.category, 'khac');
  });

  it('tells a bare "I want to report" from a report with its problem', () => {
    assert.equal(detectReport('tôi muốn phản ánh')?.bare, true);
    assert.equal(detectReport('gửi phản ánh như thế nào')?.bare, true);
    assert.equal(detectReport('phản ánh đèn đường thôn 3 bị hỏng')?.bare, false);
    assert.equal(detectReport('Xin hỏi, người dân có thể lên Trụ sở tiếp công dân để khiếu nại, tố cáo, phản ánh những vấn đề ở địa phương')?.bare, true, 'a question about reporting');
  });

  it('leaves procedure questions alone: none of the assistant benchmark questions is a report', () => {
    for (const q of ['làm giấy khai sinh cho con', 'cấp lại thẻ bảo hiểm bị hỏng', 'thẻ bảo hiểm y tế bị hỏng thì làm lại ở đâu', 'đăng ký lại đồng hồ nước bị hỏng', 'sổ đỏ bị hỏng làm lại thế nào', 'phí làm căn cước', 'đăng ký thường trú ở đâu', 'xin giấy phép xây dựng nhà ở', 'câu hỏi về thủ tục đất đai', 'Nếu tôi bị mất điện thoại và sợ lộ thông tin, tôi muốn khóa căn cước điện tử thì phải làm sao?'])
      assert.equal(detectReport(q), null, q);
    const lines = fs.readFileSync(new URL('../../../../bench/data/assistant-questions.jsonl', import.meta.url), 'utf8').split('\n').filter(Boolean);
    const asked = lines.flatMap((l) => {
      const q = JSON.parse(l) as { question?: string; turns?: string[]; codes: string[] };
      return q.codes.length ? (q.turns ?? [q.question!]) : [];
    });
    assert.ok(asked.length > 200);
    assert.deepEqual(asked.filter((q) => detectReport(q)), []);
  });

  it('finds the place phrase and the contact, and keeps the contact out of the text', () => {
    assert.equal(placePhrase('đèn đường ở thôn 3 bị hỏng'), 'thôn 3');
    assert.equal(placePhrase('rác thải tại tổ 5, phường Việt Trì đã tồn đọng nhiều ngày'), 'tổ 5, phường Việt Trì');
    assert.equal(placePhrase('rác thải tồn đọng'), null);
    assert.deepEqual(contactIn('sđt của tôi là 0912 345 678'), { phone: '0912345678', email: null });
    assert.deepEqual(contactIn('lan.nguyen@example.vn'), { phone: null, email: 'lan.nguyen@example.vn' });
    assert.deepEqual(contactIn('thôn 3'), { phone: null, email: null });
    assert.equal(withoutContact('đèn đường ở thôn 3 bị hỏng, sđt 0912345678'), 'đèn đường ở thôn 3 bị hỏng');
    assert.equal(withoutContact('số điện thoại của tôi là 0912.345.678'), '');
  });

  it('reads yes and no, and never takes a question for a yes', () => {
    for (const y of ['đồng ý', 'Đồng ý ạ', 'dong y', 'gửi đi', 'ok', 'có']) assert.ok(isConfirm(y), y);
    for (const n of ['hủy', 'huy', 'không', 'thôi không gửi nữa'.replace(' gửi', ''), 'bỏ qua']) assert.ok(isCancel(n), n);
    for (const q of ['dừng', 'phí bao nhiêu', 'có phải nộp phí không', 'đồng ý nhưng sửa lại']) assert.ok(!isConfirm(q), q);
  });

  it('asks for what is missing in order — the problem, the commune, a contact — then the summary to confirm', () => {
    assert.equal(stageOf(draft({ text: '' })), 'need_text');
    assert.equal(stageOf(draft()), 'need_place');
    assert.equal(stageOf(draft({ communeCode: '08515' })), 'need_contact');
    assert.equal(stageOf(draft({ communeCode: '08515', email: 'a@b.vn' })), 'confirm');
    assert.match(draftPrompt(draft(), 'http://x'), /xã, phường nào/);
    assert.match(draftPrompt(draft(), 'http://x', { placeNotFound: 'thôn 3' }), /chưa xác định được xã, phường từ «thôn 3»/);
    const c = draftPrompt(draft({ communeCode: '08515', communeName: 'Xã Hy Cương', unitName: 'Ủy ban nhân dân Xã Hy Cương', answerWorkingDays: 10, phone: '0912345678' }), 'http://x');
    assert.match(c, /tới Ủy ban nhân dân Xã Hy Cương/);
    assert.match(c, /trả lời trong 10 ngày làm việc/);
    assert.match(c, /0912 345 678/);
    assert.match(c, /«đồng ý»/);
  });

  it('keeps the prompt within a Zalo message (2,000 characters) with the instruction to confirm', () => {
    const long = draft({ text: 'Rác thải tồn đọng nhiều ngày ở đầu ngõ, bốc mùi rất khó chịu. '.repeat(40), communeCode: '07900', communeName: 'Phường Việt Trì', unitName: 'Ủy ban nhân dân Phường Việt Trì', answerWorkingDays: 7, phone: '0912345678' });
    const p = draftPrompt(long, 'http://localhost:3000');
    assert.ok(p.length < 2000, String(p.length));
    assert.match(p, /«đồng ý»/);
  });

  it('links to the portal form with what is known filled in', () => {
    const u = new URL(formLink('http://x', draft({ communeName: 'Xã Hy Cương' })));
    assert.equal(u.pathname, '/phan-anh/gui');
    assert.equal(u.searchParams.get('category'), 'dien_nuoc');
    assert.equal(u.searchParams.get('address'), 'thôn 3, Xã Hy Cương');
    assert.equal(u.searchParams.get('text'), 'đèn đường ở thôn 3 bị hỏng');
  });
});
