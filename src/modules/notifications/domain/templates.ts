import { formatDateTimeShort, formatDateTimeWords, formatMoney } from '../../../platform/vietnamese.ts';
import { stripDiacritics } from '../../../platform/payments/vietqr.ts';
import type { Channel } from './recipients.ts';

/**
 * The Vietnamese message templates. Messages carry the dossier code, the procedure, dates and amounts —
 * no names or identification numbers, so that a development transport can log them after masking.
 * E-mails are full Vietnamese; SMS are the same words without diacritics (brand-name SMS gateways
 * usually require it and an unaccented SMS fits 160 characters per segment instead of 70).
 */
export const TEMPLATE_NAMES = ['received', 'supplement_needed', 'result_ready', 'late_apology', 'payment_received', 'kpi_alert', 'feedback_received', 'feedback_answered', 'monthly_report'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export function isTemplateName(s: string): s is TemplateName {
  return (TEMPLATE_NAMES as readonly string[]).includes(s);
}

/**
 * The data each template reads (all optional but the dossier code; dates as Date or ISO strings,
 * since the data is stored as JSON):
 *  - received:          procedureName, agencyName, appointmentAt, trackingUrl
 *  - supplement_needed: procedureName, items (string[]), reason, contactPhone, trackingUrl
 *  - result_ready:      procedureName, returnPlace, trackingUrl
 *  - late_apology:      procedureName, agencyName, newAppointmentAt, reason
 *  - payment_received:  amount (đồng), paidAt, feeName, receiptUrl
 *  - kpi_alert:         agencyName (the unit), reason (the crossing, a sentence) — to a leader, not an applicant
 *  - feedback_received: feedbackCode, agencyName, appointmentAt (answer due), trackingUrl
 *  - feedback_answered: feedbackCode, agencyName, trackingUrl (the answer itself is read there)
 *  - monthly_report:    agencyName (the unit), periodLabel ("tháng 11/2026"), dashboardUrl — the PDF is attached; to a leader
 */
export interface TemplateData {
  dossierCode?: string;
  procedureName?: string;
  agencyName?: string;
  appointmentAt?: string | Date;
  newAppointmentAt?: string | Date;
  items?: string[];
  reason?: string;
  contactPhone?: string;
  returnPlace?: string;
  amount?: number;
  paidAt?: string | Date;
  feeName?: string;
  trackingUrl?: string;
  receiptUrl?: string;
  feedbackCode?: string;
  [key: string]: unknown;
}

export interface RenderedMessage {
  /** E-mail subject (also used as the log summary of an SMS). */
  subject: string;
  text: string;
}

const SIGNATURE = '\n\nĐây là thư tự động của hệ thống Liên Thông, vui lòng không trả lời thư này.';

function date(v: unknown): Date | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v === 'string' && v) {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

interface Parts {
  subject: string;
  /** E-mail paragraphs (lines). */
  lines: string[];
  /** The SMS text, before diacritics are removed. */
  sms: string;
}

function parts(template: TemplateName, d: TemplateData): Parts {
  const code = str(d.dossierCode) ?? '(chưa có mã)';
  const proc = str(d.procedureName);
  const procLine = proc ? [`Thủ tục: ${proc}`] : [];
  const track = str(d.trackingUrl);
  const trackLine = track ? [`Tra cứu tình trạng hồ sơ: ${track}`] : [];
  const smsTrack = track ? ` Tra cuu: ${track}` : '';
  switch (template) {
    case 'received': {
      const at = date(d.appointmentAt);
      const agency = str(d.agencyName) ?? 'Cơ quan tiếp nhận';
      return {
        subject: `Hồ sơ ${code} đã được tiếp nhận`,
        lines: [
          `${agency} đã tiếp nhận hồ sơ của Ông/Bà.`,
          `Mã hồ sơ: ${code}`,
          ...procLine,
          ...(at ? [`Thời gian hẹn trả kết quả: ${formatDateTimeWords(at)}.`] : []),
          ...trackLine,
        ],
        sms: `Hồ sơ ${code}${proc ? ` (${proc})` : ''} đã được tiếp nhận.${at ? ` Hẹn trả kết quả: ${formatDateTimeShort(at)}.` : ''}${smsTrack}`,
      };
    }
    case 'supplement_needed': {
      const items = Array.isArray(d.items) ? d.items.filter((x): x is string => typeof x === 'string' && !!x.trim()) : [];
      const reason = str(d.reason);
      const phone = str(d.contactPhone);
      return {
        subject: `Hồ sơ ${code} cần bổ sung, hoàn thiện`,
        lines: [
          `Hồ sơ ${code} của Ông/Bà cần được bổ sung, hoàn thiện.`,
          ...procLine,
          ...(items.length ? ['Nội dung cần bổ sung:', ...items.map((x, i) => `  ${i + 1}. ${x}`)] : []),
          ...(reason ? [`Lý do: ${reason}`] : []),
          ...(phone ? [`Liên hệ để được hướng dẫn: ${phone}.`] : []),
          ...trackLine,
        ],
        sms: `Hồ sơ ${code} cần bổ sung, hoàn thiện${items.length ? ` ${items.length} nội dung` : ''}. Vui lòng xem phiếu yêu cầu bổ sung${phone ? ` hoặc liên hệ ${phone}` : ''}.${smsTrack}`,
      };
    }
    case 'result_ready': {
      const place = str(d.returnPlace);
      return {
        subject: `Hồ sơ ${code} đã có kết quả`,
        lines: [`Hồ sơ ${code} của Ông/Bà đã có kết quả giải quyết.`, ...procLine, ...(place ? [`Nơi nhận kết quả: ${place}.`] : []), ...trackLine],
        sms: `Hồ sơ ${code} đã có kết quả.${place ? ` Nhận tại: ${place}.` : ''}${smsTrack}`,
      };
    }
    case 'late_apology': {
      const at = date(d.newAppointmentAt);
      const reason = str(d.reason);
      const agency = str(d.agencyName) ?? 'Cơ quan giải quyết';
      return {
        subject: `Xin lỗi: hồ sơ ${code} được hẹn lại ngày trả kết quả`,
        lines: [
          `${agency} xin lỗi Ông/Bà vì hồ sơ ${code} chưa được giải quyết đúng hẹn.`,
          ...procLine,
          ...(reason ? [`Lý do: ${reason}`] : []),
          ...(at ? [`Thời gian hẹn trả kết quả mới: ${formatDateTimeWords(at)}.`] : []),
          ...trackLine,
        ],
        sms: `Xin lỗi Ông/Bà: hồ sơ ${code} chậm so với hẹn.${at ? ` Hẹn lại: ${formatDateTimeShort(at)}.` : ''}${smsTrack}`,
      };
    }
    case 'feedback_received': {
      const fb = str(d.feedbackCode) ?? code;
      const at = date(d.appointmentAt);
      const agency = str(d.agencyName) ?? 'Cơ quan có thẩm quyền';
      return {
        subject: `Phản ánh, kiến nghị ${fb} đã được tiếp nhận`,
        lines: [`Phản ánh, kiến nghị của Ông/Bà đã được chuyển tới ${agency}.`, `Mã phản ánh: ${fb}`, ...(at ? [`Hạn trả lời: ${formatDateTimeWords(at)}.`] : []), ...(track ? [`Theo dõi phản ánh: ${track}`] : [])],
        sms: `Phan anh ${fb} da chuyen toi ${agency}.${at ? ` Han tra loi: ${formatDateTimeShort(at)}.` : ''}${smsTrack}`,
      };
    }
    case 'feedback_answered': {
      const fb = str(d.feedbackCode) ?? code;
      const agency = str(d.agencyName) ?? 'Cơ quan có thẩm quyền';
      return {
        subject: `Phản ánh, kiến nghị ${fb} đã được trả lời`,
        lines: [`${agency} đã trả lời phản ánh, kiến nghị ${fb} của Ông/Bà.`, 'Mời Ông/Bà xem nội dung trả lời và đánh giá mức độ hài lòng.', ...(track ? [`Xem trả lời và đánh giá: ${track}`] : [])],
        sms: `Phản ánh ${fb} đã được trả lời. Mời xem và đánh giá.${smsTrack}`,
      };
    }
    case 'payment_received': {
      const amount = typeof d.amount === 'number' && Number.isFinite(d.amount) ? formatMoney(d.amount) : null;
      const at = date(d.paidAt);
      const fee = str(d.feeName) ?? 'phí, lệ phí';
      const receipt = str(d.receiptUrl);
      return {
        subject: `Đã nhận thanh toán cho hồ sơ ${code}`,
        lines: [
          `Hệ thống đã nhận khoản thanh toán ${fee} cho hồ sơ ${code}.`,
          ...(amount ? [`Số tiền: ${amount}`] : []),
          ...(at ? [`Thời điểm: ${formatDateTimeWords(at)}`] : []),
          ...(receipt ? [`Biên lai điện tử: ${receipt}`] : []),
        ],
        sms: `Đã nhận thanh toán${amount ? ` ${amount}` : ''} cho hồ sơ ${code}.${receipt ? ` Biên lai: ${receipt}` : ''}`,
      };
    }
    case 'kpi_alert': {
      const agency = str(d.agencyName) ?? 'Đơn vị';
      const reason = str(d.reason) ?? 'Một chỉ tiêu điều hành vượt ngưỡng đã đặt.';
      return {
        subject: `Cảnh báo điều hành: ${agency}`,
        lines: [`Bảng điều hành ghi nhận chỉ tiêu của ${agency} vượt ngưỡng đã đặt.`, reason, 'Xem chi tiết tại bảng điều hành: /can-bo/dieu-hanh'],
        sms: `Canh bao dieu hanh: ${reason}`,
      };
    }
    case 'monthly_report': {
      const agency = str(d.agencyName) ?? 'Đơn vị';
      const period = str(d.periodLabel) ?? 'tháng trước';
      const url = str(d.dashboardUrl);
      return {
        subject: `Báo cáo chỉ số phục vụ ${period}: ${agency}`,
        lines: [
          `Gửi kèm thư này báo cáo chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg) ${period} của ${agency}: tổng điểm, điểm từng nhóm và chỉ số thành phần, chỉ tiêu điều hành và biểu đồ 12 tháng (tệp PDF).`,
          `Xem số liệu trực tiếp tại bảng điều hành: ${url ?? '/can-bo/dieu-hanh'}`,
        ],
        sms: `Bao cao chi so phuc vu ${period} cua ${agency} da duoc gui qua thu dien tu.`,
      };
    }
  }
}

/** Renders a template for a channel. */
export function renderMessage(template: TemplateName, data: TemplateData, channel: Channel): RenderedMessage {
  const p = parts(template, data);
  if (channel === 'sms') return { subject: p.subject, text: stripDiacritics(`LienThong: ${p.sms}`).replace(/\s+/g, ' ').trim() };
  return { subject: `[Liên Thông] ${p.subject}`, text: `Kính gửi Ông/Bà,\n\n${p.lines.join('\n')}${SIGNATURE}` };
}
