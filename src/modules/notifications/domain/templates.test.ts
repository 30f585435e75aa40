import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTemplateName, renderMessage, TEMPLATE_NAMES, type TemplateData } from './templates.ts';

const code = 'H15.50.05.13-261008-0975';
const data: TemplateData = {
  dossierCode: code,
  procedureName: 'Đăng ký khai sinh',
  agencyName: 'Trung tâm Phục vụ hành chính công xã Tân Lạc',
  appointmentAt: '2026-10-13T09:00:00.000Z',
  newAppointmentAt: new Date('2026-10-15T09:00:00Z'),
  items: ['Bản chính Giấy chứng sinh', 'Giấy tờ chứng minh nơi cư trú'],
  reason: 'cần xác minh nơi cư trú',
  contactPhone: '0210 3851 234',
  returnPlace: 'Trung tâm Phục vụ hành chính công xã Tân Lạc',
  amount: 20000,
  paidAt: '2026-10-08T07:20:00Z',
  trackingUrl: `https://dichvucong.phutho.gov.vn/tra-cuu/ho-so/${code}`,
};

describe('notification templates', () => {
  it('knows the five templates of the dossier engine', () => {
    assert.deepEqual([...TEMPLATE_NAMES], ['received', 'supplement_needed', 'result_ready', 'late_apology', 'payment_received', 'kpi_alert', 'feedback_received', 'feedback_answered', 'monthly_report']);
    assert.ok(isTemplateName('received'));
    assert.ok(!isTemplateName('khac'));
  });

  it('renders Vietnamese e-mails with the dossier code and the dates', () => {
    const r = renderMessage('received', data, 'email');
    assert.equal(r.subject, `[Liên Thông] Hồ sơ ${code} đã được tiếp nhận`);
    assert.match(r.text, /^Kính gửi Ông\/Bà,/);
    assert.match(r.text, /Trung tâm Phục vụ hành chính công xã Tân Lạc đã tiếp nhận hồ sơ của Ông\/Bà\./);
    assert.match(r.text, /Thời gian hẹn trả kết quả: 16 giờ 00 phút, ngày 13 tháng 10 năm 2026\./);
    assert.match(r.text, /Tra cứu tình trạng hồ sơ: https:\/\//);
    const s = renderMessage('supplement_needed', data, 'email');
    assert.match(s.text, /1\. Bản chính Giấy chứng sinh\n {2}2\. Giấy tờ chứng minh nơi cư trú/);
    assert.match(s.text, /Lý do: cần xác minh nơi cư trú/);
    assert.match(renderMessage('result_ready', data, 'email').subject, /đã có kết quả/);
    assert.match(renderMessage('late_apology', data, 'email').text, /Thời gian hẹn trả kết quả mới: 16 giờ 00 phút, ngày 15 tháng 10 năm 2026/);
    const p = renderMessage('payment_received', data, 'email');
    assert.match(p.text, /Số tiền: 20\.000 đ/);
    assert.match(p.text, /Thời điểm: 14 giờ 20 phút, ngày 08 tháng 10 năm 2026/);
  });

  it('renders SMS without diacritics', () => {
    for (const t of TEMPLATE_NAMES) {
      const r = renderMessage(t, data, 'sms');
      assert.match(r.text, /^LienThong: /);
      if (t !== 'kpi_alert' && t !== 'monthly_report') assert.ok(r.text.includes(code), t); // an alert or a report is about a unit, not a dossier
      assert.match(r.text, /^[\x20-\x7E]+$/, `${t}: ASCII only: ${r.text}`);
    }
    assert.equal(
      renderMessage('received', { ...data, trackingUrl: undefined }, 'sms').text,
      `LienThong: Ho so ${code} (Dang ky khai sinh) da duoc tiep nhan. Hen tra ket qua: 16:00 13/10/2026.`,
    );
  });

  it('copes with missing or malformed data instead of failing the send', () => {
    const r = renderMessage('received', { dossierCode: code, appointmentAt: 'không phải ngày' }, 'email');
    assert.doesNotMatch(r.text, /Invalid Date|NaN|undefined/);
    const p = renderMessage('payment_received', {}, 'sms');
    assert.match(p.text, /\(chua co ma\)/);
  });
});
