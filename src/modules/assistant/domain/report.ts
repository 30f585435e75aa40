/**
 * A person reporting a problem to the assistant ("đèn đường ở thôn 3 bị hỏng", "phản ánh rác thải…"):
 * recognising it, guessing the category, finding the place phrase and the contact in what they type, and
 * the conversation that fills the missing pieces before anything is sent. Pure functions; the service
 * asks the feedback module where the report would go and sends it only after the person confirms.
 *
 * Conservative on purpose: a message is a report only when it says so ("phản ánh", "kiến nghị", "báo
 * hỏng") or names both a problem ("bị hỏng", "ngập", "bốc mùi") and something public it happens to
 * ("đèn đường", "rác", "đường"). A question about a procedure stays a question.
 */
import type { Category } from '../../feedback/index.ts';
import { foldText } from './text.ts';

/** What the person has told so far; kept in the conversation's session until sent or dropped. */
export interface ReportDraft {
  category: Category;
  categoryLabel: string;
  /** The problem as the person described it (contact details removed). */
  text: string;
  /** The place as the person wrote it ("thôn 3, xã Hy Cương"), or null. */
  place: string | null;
  /** Set once the feedback module has placed it in a commune of the province. */
  communeCode: string | null;
  communeName: string | null;
  unitName: string | null;
  answerWorkingDays: number | null;
  phone: string | null;
  email: string | null;
}

export type DraftStage = 'need_text' | 'need_place' | 'need_contact' | 'confirm';

/** Words that say "this is a report" by themselves. */
const REPORT_MARKERS = ['phan anh', 'kien nghi', 'bao hong', 'to giac', 'toi muon phan anh', 'gui phan anh', 'can phan anh'];

/** Something going wrong. */
const PROBLEM_WORDS = [
  'bi hong', 'hu hong', 'hong roi', 'bi hu', 'khong sang', 'khong hoat dong', 'bi vo', 'vo roi', 'bi tac', 'tac nghen', 'un tac', 'ngap', 'ngap ung', 'o nhiem', 'boc mui', 'hoi thoi',
  'ton dong', 'vut bua bai', 'do trom', 'do bua bai', 'xa thai', 'xa rac', 'lan chiem', 'mat dien', 'mat nuoc', 'o ga', 'sut lun', 'bi sap', 'sap do', 'gay on', 'on ao', 'xuong cap', 'bi do',
  'trai phep', 'khong phep', 'trom', 'danh nhau', 'gay roi', 'tre hen', 'nhung nhieu', 'gay kho khan', 'chay no', 'bi chay', 'ro ri', 'dut', 'nghieng', 'nguy hiem',
];

/** Words of a procedure question ("cấp lại thẻ bảo hiểm bị hỏng"): without a report marker, not a report. */
const PROCEDURE_WORDS = ['cap lai', 'lam lai', 'cap doi', 'doi lai', 'xin cap', 'dang ky', 'dang ki', 'thu tuc', 'giay to', 'ho so gom', 'giay phep'];

/** Words of a question about how to do something. */
const QUESTION_WORDS = ['xin hoi', 'cho hoi', 'co the', 'the nao', 'lam sao', 'o dau', 'duoc khong', 'co duoc', 'bao gio', 'khi nao', 'bao lau'];

/** Category keywords (folded); the first category whose words appear most wins. */
const CATEGORY_WORDS: Record<Exclude<Category, 'khac'>, string[]> = {
  moi_truong: ['rac', 'rac thai', 'o nhiem', 'boc mui', 'hoi thoi', 'nuoc thai', 'khoi bui', 'bui', 'xa thai', 've sinh', 'dot rac', 'xac dong vat', 'kenh muong'],
  giao_thong: ['o ga', 'mat duong', 'duong sa', 'duong lang', 'duong xa', 'ho tren duong', 'den giao thong', 'den tin hieu', 'un tac', 'ket xe', 'bien bao', 'cay cau', 'cau treo', 'xuong cap', 'sut lun', 'giao thong'],
  trat_tu_do_thi: ['lan chiem', 'via he', 'long duong', 'xay dung trai phep', 'xay trai phep', 'xay dung khong phep', 'bien quang cao', 'hang rong', 'trat tu do thi'],
  dat_dai: ['dat dai', 'tranh chap dat', 'lan dat', 'dat cong', 'ranh gioi dat'],
  an_ninh_trat_tu: ['trom', 'cuop', 'danh nhau', 'gay roi', 'gay on', 'on ao', 'karaoke', 'ma tuy', 'co bac', 'dua xe', 'an ninh'],
  dich_vu_cong: ['tre hen', 'nhung nhieu', 'gay kho khan', 'thai do can bo', 'bo phan mot cua', 'dich vu cong'],
  y_te: ['tram y te', 'benh vien', 'dich benh', 'sot xuat huyet', 'an toan thuc pham', 'ngo doc'],
  giao_duc: ['truong hoc', 'hoc sinh', 'giao vien', 'lam thu', 'hoc phi', 'mam non'],
  dien_nuoc: ['den duong', 'den chieu sang', 'mat dien', 'mat nuoc', 'nuoc sach', 'cot dien', 'day dien', 'cong thoat nuoc', 'thoat nuoc', 'ngap', 'ngap ung', 'tac cong', 'ong nuoc', 'ho ga', 'nap cong'],
};

const fold = (s: string) => ` ${foldText(s)} `;
const has = (f: string, words: string[]) => words.some((w) => f.includes(` ${foldText(w)} `));

/** Vietnamese phone numbers (0… or +84…) and e-mail addresses in a message. */
const PHONE = /(?:\+84|0)(?:[\s.-]?\d){8,10}\b/;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

export function contactIn(message: string): { phone: string | null; email: string | null } {
  const phone = message.match(PHONE)?.[0]?.replace(/[\s.-]/g, '') ?? null;
  return { phone: phone && /^(0|\+84)\d{9,10}$/.test(phone) ? phone : null, email: message.match(EMAIL)?.[0] ?? null };
}

/** The message without its contact details and the words that only introduce them ("sđt", "số điện thoại của tôi là"). */
export function withoutContact(message: string): string {
  return message
    .replace(new RegExp(EMAIL.source, 'g'), ' ')
    .replace(new RegExp(PHONE.source, 'g'), ' ')
    .replace(/(số điện thoại|điện thoại|sđt|sdt|đt|thư điện tử|email|e-mail|liên hệ)( (của )?(tôi|em|mình|cháu))?( là)?\s*[:：]?/giu, ' ')
    .replace(/\s+([,.;!?])/g, '$1')
    .replace(/([,.;:])(\s*[,.;:])+/g, '$1')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,.;:-]+|[\s,;:-]+$/g, '')
    .trim();
}

/** The category a report is about, from its words ('khac' when none fits). */
export function guessCategory(text: string): Category {
  const f = fold(text);
  let best: { c: Category; n: number } = { c: 'khac', n: 0 };
  for (const [c, words] of Object.entries(CATEGORY_WORDS) as [Category, string[]][]) {
    const n = words.filter((w) => f.includes(` ${foldText(w)} `)).length;
    if (n > best.n) best = { c, n };
  }
  return best.c;
}

/**
 * Whether a message reports a problem: a report marker, or a problem word together with a category word.
 * `bare` is true when it only says "I want to report" without the problem itself.
 */
export function detectReport(message: string): { category: Category; bare: boolean } | null {
  // "mất điện thoại" is a lost phone, not a power cut
  const f = fold(message).replace(/ dien thoai /g, ' dienthoai ');
  const marker = has(f, REPORT_MARKERS);
  const problem = has(f, PROBLEM_WORDS);
  const category = guessCategory(message.replace(/điện thoại|dien thoai/giu, 'dienthoai'));
  if (!marker && (has(f, PROCEDURE_WORDS) || !problem || category === 'khac')) return null;
  // "có thể phản ánh ở đâu?": a question about reporting, not the report itself
  if (marker && !problem && (has(f, QUESTION_WORDS) || message.trim().endsWith('?'))) return { category, bare: true };
  const rest = ` ${foldText(message)} `
    .replace(/ (toi|em|minh|chau|xin|muon|can|gui|lam|the nao|nhu the nao|de|o dau|cach|mot|cai|ve|viec|a|nhe|oi|ad|admin) /g, ' ')
    .replace(/ (phan anh|kien nghi|bao hong|to giac) /g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return { category, bare: rest.split(' ').filter(Boolean).length < 3 };
}

/** Is this a procedure question rather than the description of a problem? */
export function isProcedureQuestion(message: string): boolean {
  return has(fold(message), PROCEDURE_WORDS);
}

/** "… ở thôn 3 xã Hy Cương bị hỏng" → "thôn 3 xã Hy Cương": the words after ở / tại / khu vực, up to the problem. */
export function placePhrase(message: string): string | null {
  const m = message.match(/(?:^|\s)(?:ở|tại|khu vực|địa bàn|trước cửa|đoạn|đầu|cuối)\s+(.+?)(?=\s+(?:bị|đang|đã|có|không|rất|quá|gây|nhiều|lâu|mấy|từ|suốt|cả|vẫn|chưa|hay)\s|[.;!?]|$)/iu);
  const p = m?.[1]?.replace(/[,\s]+$/, '').trim();
  return p && p.length >= 3 ? p.slice(0, 300) : null;
}

/** Yes / no to "send it?" (folded, short messages only). */
export function isConfirm(message: string): boolean {
  return /^(dong y|dong y gui|gui|gui di|gui nhe|co|co gui|ok|oke|xac nhan|dung roi|vang|u|uh|chinh xac)( (a|nhe|di|luon|ban|ad))*$/.test(foldText(message));
}
export function isCancel(message: string): boolean {
  return /^(huy|huy bo|khong|khong gui|thoi|bo qua|khong can|dung lai|thoi khong)( (a|nhe|di|luon|ban|ad|nua))*$/.test(foldText(message));
}

export function stageOf(d: Pick<ReportDraft, 'text' | 'communeCode' | 'phone' | 'email'>): DraftStage {
  if (!d.text) return 'need_text';
  if (!d.communeCode) return 'need_place';
  if (!d.phone && !d.email) return 'need_contact';
  return 'confirm';
}

/** The link to the portal's form with what is known filled in (where a photo can be added). */
export function formLink(publicUrl: string, d: Pick<ReportDraft, 'category' | 'text' | 'place' | 'communeName'>): string {
  const q = new URLSearchParams({ category: d.category });
  if (d.text) q.set('text', d.text.slice(0, 300));
  const place = [d.place, d.communeName].filter(Boolean).join(', ');
  if (place) q.set('address', place.slice(0, 300));
  return `${publicUrl}/phan-anh/gui?${q.toString()}`;
}

const phoneShown = (p: string) => p.replace(/^(\+84|0)(\d{3})(\d{3})(\d+)$/, '$1$2 $3 $4');

/** What the assistant says next about a draft (the question for the missing piece, or the summary to confirm). */
export function draftPrompt(d: ReportDraft, publicUrl: string, opts: { placeNotFound?: string } = {}): string {
  const link = formLink(publicUrl, d);
  // quoted short: a Zalo message holds 2,000 characters, and the instruction to confirm must fit
  const quoted = d.text.length > 300 ? `${d.text.slice(0, 300)}…` : d.text;
  const head = `Phản ánh về «${d.categoryLabel}»${d.text ? `: «${quoted}»` : ''}.`;
  switch (stageOf(d)) {
    case 'need_text':
      return `Bạn muốn phản ánh việc gì? Hãy mô tả vấn đề và nơi xảy ra, ví dụ «đèn đường ở thôn 3, xã Hy Cương bị hỏng». Hoặc gửi qua trang: ${link}`;
    case 'need_place':
      return `${head} ${opts.placeNotFound ? `Tôi chưa xác định được xã, phường từ «${opts.placeNotFound}». ` : ''}Việc này ở xã, phường nào (ví dụ «thôn 3, xã Hy Cương»)? Nhắn «hủy» nếu không muốn gửi.`;
    case 'need_contact':
      return `${head} Nơi xảy ra: ${[d.place, d.communeName].filter(Boolean).join(', ')}. Để nhận trả lời, hãy nhắn số điện thoại hoặc thư điện tử của bạn. Nhắn «hủy» nếu không muốn gửi.`;
    case 'confirm':
      return [
        `Tôi sẽ gửi phản ánh sau tới ${d.unitName} (lĩnh vực ${d.categoryLabel}${d.answerWorkingDays ? `, trả lời trong ${d.answerWorkingDays} ngày làm việc` : ''}): «${quoted}».`,
        `Nơi xảy ra: ${[d.place, d.communeName].filter(Boolean).join(', ')}.`,
        `Nhận trả lời qua: ${d.phone ? phoneShown(d.phone) : d.email}.`,
        `Nhắn «đồng ý» để gửi, hoặc «hủy» để không gửi. Muốn gửi kèm ảnh, hãy dùng trang: ${link}`,
      ].join(' ');
  }
}

/** After the report is sent: the code and the private link to follow and rate the answer. */
export function sentAnswer(r: { code: string; unitName: string; trackUrl: string }): string {
  return `Đã gửi phản ánh ${r.code} tới ${r.unitName}. Theo dõi và đánh giá trả lời tại: ${r.trackUrl} (đường dẫn riêng của bạn, đừng chia sẻ). Bạn cũng sẽ nhận tin nhắn khi có trả lời.`;
}

export const CANCELLED_ANSWER = 'Đã hủy, phản ánh chưa được gửi. Bạn cần hỏi gì khác cứ nhắn nhé.';
