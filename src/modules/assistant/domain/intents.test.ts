import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerProcedure, answerProperty, guessIntent, propertiesAsked, withoutPropertyWords, type ContactFacts, type ProcedureFacts } from './intents.ts';

const contacts: ContactFacts = { hotline: '1900 0000', hours: null, centers: [] };
const facts = (over: Partial<ProcedureFacts> = {}): ProcedureFacts => ({
  code: '1.001193',
  name: 'Thủ tục đăng ký khai sinh',
  field: 'Hộ tịch',
  levels: ['commune'],
  channels: [{ channel: 'in_person', time: 'Ngay trong ngày', fee: { status: 'unknown', amount_vnd: null, description: null } }],
  provinceFee: null,
  documents: ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh'],
  where: { scope: 'all_communes', units: ['A', 'B'] },
  online: true,
  url: 'http://x/thu-tuc/1.001193',
  applyUrl: 'http://x/thu-tuc/1.001193/nop',
  ...over,
});

describe('assistant intents', () => {
  it('recognises properties with or without diacritics', () => {
    assert.deepEqual(propertiesAsked('phí bao nhiêu?'), ['fee']);
    assert.deepEqual(propertiesAsked('mat bao lau'), ['time']);
    assert.deepEqual(propertiesAsked('cần giấy tờ gì'), ['documents']);
    assert.deepEqual(propertiesAsked('nộp ở đâu'), ['where']);
    assert.deepEqual(propertiesAsked('có làm online được không'), ['online']);
  });

  it('reads short forms typed on a phone ("bn", "j", "ko", "onl")', () => {
    assert.deepEqual(propertiesAsked('phi bn'), ['fee']);
    assert.deepEqual(propertiesAsked('can giay to j'), ['documents']);
    assert.deepEqual(propertiesAsked('lam onl dc ko'), ['online']);
    assert.equal(withoutPropertyWords('phi bn vay'), '');
    assert.equal(guessIntent('cho mk xin sdt').intent, 'contact');
  });

  it('tells greetings, tracking codes, choices and contact questions apart', () => {
    assert.equal(guessIntent('Xin chào').intent, 'greeting');
    assert.equal(guessIntent('tra cứu hồ sơ H25.01-261125-0001').intent, 'track');
    assert.equal(guessIntent('tra cứu hồ sơ H25.01-261125-0001').dossierCode, 'H25.01-261125-0001');
    assert.deepEqual([guessIntent('số 2').intent, guessIntent('số 2').choice], ['choose', 2]);
    assert.equal(guessIntent('số điện thoại đường dây nóng').intent, 'contact');
    assert.equal(guessIntent('làm giấy khai sinh').intent, 'find');
    assert.equal(guessIntent('phí làm căn cước').intent, 'property');
  });

  it('leaves nothing of a bare follow-up once its property words are removed', () => {
    assert.equal(withoutPropertyWords('phí bao nhiêu?'), '');
    assert.equal(withoutPropertyWords('thời gian giải quyết bao lâu'), '');
    assert.equal(withoutPropertyWords('phí làm căn cước'), 'can cuoc');
  });

  it('never invents a fee or a time the catalogue does not state', () => {
    const fee = answerProperty('fee', facts(), contacts);
    assert.match(fee, /không ghi mức phí/);
    assert.match(fee, /1900 0000/);
    assert.doesNotMatch(fee, /\d+\.\d{3} đ/);
    const time = answerProperty('time', facts({ channels: [{ channel: 'in_person', time: null, fee: { status: 'free', amount_vnd: null, description: null } }] }), contacts);
    assert.match(time, /không ghi thời hạn/);
  });

  it('states the fee and time as the facts say, the province fee first', () => {
    const f = facts({ channels: [{ channel: 'in_person', time: '5 Ngày làm việc', fee: { status: 'charged', amount_vnd: 8000, description: null } }] });
    assert.match(answerProperty('fee', f, contacts), /8\.000 đ/);
    assert.match(answerProperty('fee', { ...f, provinceFee: { status: 'charged', amount_vnd: 5000, source: 'override' } }, contacts), /tỉnh áp dụng .*5\.000 đ/);
    assert.match(answerProperty('time', f, contacts), /5 Ngày làm việc/);
    const all = answerProcedure(f, contacts);
    assert.match(all, /1\.001193/);
    assert.match(all, /8\.000 đ/);
    assert.match(all, /http:\/\/x\/thu-tuc\/1\.001193/);
  });

  it('lists the documents from the catalogue only', () => {
    const d = answerProperty('documents', facts(), contacts);
    assert.match(d, /Tờ khai đăng ký khai sinh/);
    assert.match(d, /Giấy chứng sinh/);
    assert.match(answerProperty('documents', facts({ documents: [] }), contacts), /không liệt kê/);
  });
});
