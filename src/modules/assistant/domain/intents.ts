/**
 * What a question asks (intent) and the short Vietnamese answers composed only from retrieved facts.
 * Pure functions: the service fetches the facts (catalogue record, province offering, tracking view,
 * FAQ, contacts) and passes them in. Nothing here invents a fee, a time limit or a document: a fact the
 * catalogue does not state is said to be not stated, with the hotline.
 */
import { formatMoney } from '../../../platform/vietnamese.ts';
import { foldText, tokenize } from './text.ts';
import { DEFAULT_VOCABULARY } from './vocabulary.ts';

/** Short forms typed on a phone, by their exact spelling → the folded words they stand for ("bn" → "bao nhieu"). */
const SHORTHANDS = new Map(DEFAULT_VOCABULARY.shorthands.flatMap((r) => r.from.map((f) => [tokenize(f)[0]?.accented ?? f, foldText(r.to)] as const)));

/** The question folded (no diacritics), its short forms written out: what the intent patterns read. */
export function foldQuestion(question: string): string {
  return tokenize(question)
    .map((t) => SHORTHANDS.get(t.accented) ?? t.folded)
    .join(' ');
}

export type Property = 'fee' | 'time' | 'documents' | 'where' | 'online';
export type Intent = 'greeting' | 'thanks' | 'track' | 'contact' | 'faq' | 'find' | 'property' | 'choose' | 'report' | 'out_of_scope';

/** Dossier codes: <identifier>-<YYMMDD>-<4 digits> (as the tracking page accepts). */
export const DOSSIER_CODE_IN_TEXT = /\b([A-Z][0-9]{2}(?:\.[0-9A-Z]{1,10})*-[0-9]{6}-[0-9]{4})\b/;

const PROPERTY_WORDS: Record<Property, string[]> = {
  fee: ['phi', 'le phi', 'bao nhieu tien', 'mat tien', 'ton tien', 'chi phi', 'tien', 'gia', 'mien phi', 'nop tien', 'het bao nhieu'],
  time: ['bao lau', 'may ngay', 'thoi han', 'thoi gian', 'bao nhieu ngay', 'khi nao co', 'bao gio co', 'mat bao lau', 'lau khong', 'lau ko', 'trong bao lau', 'bao gio xong', 'khi nao xong'],
  documents: ['giay to gi', 'giay to nao', 'ho so gom', 'ho so gi', 'can nhung gi', 'chuan bi gi', 'mang theo', 'mang gi', 'thanh phan ho so', 'can gi', 'gom nhung', 'nhung giay to', 'can giay to', 'can nhung giay', 'giay to can', 'to khai', 'mau don', 'ho so can'],
  where: ['o dau', 'cho nao', 'noi nao', 'nop o', 'lam o', 'co quan nao', 'dia chi', 'den dau', 'tai dau', 'noi nop', 'noi tiep nhan', 'o xa', 'o phuong'],
  online: ['online', 'truc tuyen', 'qua mang', 'dich vu cong', 'tren mang', 'vneid', 'tu xa', 'khong can den', 'nop mang'],
};

const GREETING = /^(xin chao|chao|chao ban|chao ad|hello|hi|alo|a lo|hey|chao buoi sang|chao buoi chieu)( (ban|ad|admin|em|anh|chi|a|nhe|oi))*$/;
const THANKS = /^(cam on|cam on ban|thank|thanks|thank you|ok cam on|cam on nhieu|tks)( (ban|ad|admin|em|anh|chi|a|nhe|nhieu|rat nhieu))*$/;
const CONTACT = /\b(hotline|duong day nong|so dien thoai|sdt|goi dien|gio lam viec|may gio|lien he|tong dai|gio mo cua|lam viec luc)\b/;
const CHOOSE = /^(so |thu tuc |cai |lua chon |chon )?(thu )?([1-5]|mot|hai|ba|bon|nam|dau tien|thu nhat|thu hai|thu ba)( a| nhe)?$/;

const FOLLOW_UP_EXTRA = ['giai quyet', 'xu ly', 'tra ket qua', 'lam', 'nop', 'ho so', 'thu tuc', 'nay', 'do', 'vay', 'the', 'con', 'va', 'thi', 'duoc', 'khong', 'ko', 'co', 'bao', 'nhieu', 'lau', 'gi', 'nao'];

/** The question without its property words ("phí bao nhiêu thủ tục này" → ""): what is left names a procedure, if anything. */
export function withoutPropertyWords(question: string): string {
  let f = ` ${foldQuestion(question)} `;
  const phrases = [...Object.values(PROPERTY_WORDS).flat(), ...FOLLOW_UP_EXTRA].sort((a, b) => b.length - a.length);
  for (const w of phrases) f = f.split(` ${w} `).join(' ');
  return f.replace(/\s+/g, ' ').trim();
}

/** Which properties a question asks about (several at once is fine: "phí và thời gian"). */
export function propertiesAsked(question: string): Property[] {
  const f = ` ${foldQuestion(question)} `;
  return (Object.keys(PROPERTY_WORDS) as Property[]).filter((p) => PROPERTY_WORDS[p].some((w) => f.includes(` ${w} `)));
}

export interface IntentGuess {
  intent: Intent;
  properties: Property[];
  dossierCode: string | null;
  /** For 'choose': the 1-based position picked in the previous list. */
  choice: number | null;
}

/** The intent of a question, before the engine ranks procedures (find / property are settled by the service). */
export function guessIntent(question: string): IntentGuess {
  const code = question.match(DOSSIER_CODE_IN_TEXT)?.[1] ?? question.toUpperCase().match(DOSSIER_CODE_IN_TEXT)?.[1] ?? null;
  const f = foldQuestion(question);
  const properties = propertiesAsked(question);
  if (code) return { intent: 'track', properties, dossierCode: code, choice: null };
  const choose = f.match(CHOOSE);
  if (choose) {
    const w = choose[3]!;
    const n = /^\d$/.test(w) ? Number(w) : ({ mot: 1, 'dau tien': 1, 'thu nhat': 1, hai: 2, 'thu hai': 2, ba: 3, 'thu ba': 3, bon: 4, nam: 5 } as Record<string, number>)[w] ?? null;
    return { intent: 'choose', properties, dossierCode: null, choice: n };
  }
  if (GREETING.test(f)) return { intent: 'greeting', properties, dossierCode: null, choice: null };
  if (THANKS.test(f)) return { intent: 'thanks', properties, dossierCode: null, choice: null };
  if (CONTACT.test(f) && properties.length === 0) return { intent: 'contact', properties, dossierCode: null, choice: null };
  return { intent: properties.length ? 'property' : 'find', properties, dossierCode: null, choice: null };
}

// ---------------------------------------------------------------------------------------------------
// Facts and answers
// ---------------------------------------------------------------------------------------------------

/** What the service retrieved about one procedure; every sentence of an answer comes from here. */
export interface ProcedureFacts {
  code: string;
  name: string;
  field: string;
  levels: string[];
  /** Catalogue channel rows: time and fee per channel. */
  channels: { channel: 'online' | 'in_person' | 'post'; time: string | null; fee: { status: 'free' | 'charged' | 'unknown'; amount_vnd: number | null; description: string | null } }[];
  /** The province's fee when it set one (overrides the catalogue's). */
  provinceFee: { status: 'free' | 'charged' | 'unknown'; amount_vnd: number | null; source: string } | null;
  documents: string[];
  /** Where to submit in this province: null when the province does not offer it. */
  where: { scope: 'all_communes' | 'communes' | 'agency'; units: string[] } | null;
  online: boolean;
  /** Link to the procedure page and to apply online. */
  url: string;
  applyUrl: string | null;
}

export interface ContactFacts {
  hotline: string | null;
  hours: string | null;
  centers: string[];
}

const CHANNEL_LABEL = { online: 'trực tuyến', in_person: 'trực tiếp', post: 'qua bưu chính' } as const;
const LEVEL_LABEL: Record<string, string> = { commune: 'cấp xã', province: 'cấp tỉnh', ministry: 'cấp bộ', other: 'cơ quan khác' };

function feeText(f: ProcedureFacts['channels'][number]['fee'] | NonNullable<ProcedureFacts['provinceFee']>): string | null {
  if (f.status === 'free') return 'miễn phí';
  if (f.status === 'charged' && f.amount_vnd != null) return formatMoney(f.amount_vnd);
  return null;
}

export function hotlineSentence(c: ContactFacts): string {
  return c.hotline ? `Bạn có thể gọi đường dây nóng ${c.hotline}${c.hours ? ` (${c.hours})` : ''} để được hướng dẫn.` : 'Bạn có thể hỏi trực tiếp bộ phận một cửa nơi bạn cư trú để được hướng dẫn.';
}

/** One property of one procedure, only from the facts. */
export function answerProperty(p: Property, f: ProcedureFacts, c: ContactFacts): string {
  const head = `Thủ tục «${f.name}» (mã ${f.code})`;
  if (p === 'fee') {
    if (f.provinceFee && f.provinceFee.source === 'override') {
      const t = feeText(f.provinceFee);
      if (t) return `${head}: tỉnh áp dụng mức phí, lệ phí ${t}.`;
    }
    const rows = f.channels.map((ch) => ({ ch: CHANNEL_LABEL[ch.channel], t: feeText(ch.fee), d: ch.fee.description })).filter((r) => r.t);
    if (!rows.length) return `${head}: danh mục không ghi mức phí, lệ phí cụ thể. ${hotlineSentence(c)}`;
    const uniq = [...new Map(rows.map((r) => [`${r.ch}|${r.t}`, r])).values()];
    return `${head} — phí, lệ phí: ${uniq.map((r) => `nộp ${r.ch}: ${r.t}${r.d ? ` (${r.d})` : ''}`).join('; ')}.`;
  }
  if (p === 'time') {
    const rows = [...new Map(f.channels.filter((ch) => ch.time).map((ch) => [`${ch.channel}|${ch.time}`, ch])).values()];
    if (!rows.length) return `${head}: danh mục không ghi thời hạn giải quyết. ${hotlineSentence(c)}`;
    return `${head} — thời hạn giải quyết: ${rows.map((r) => `nộp ${CHANNEL_LABEL[r.channel]}: ${r.time}`).join('; ')}.`;
  }
  if (p === 'documents') {
    if (!f.documents.length) return `${head}: danh mục không liệt kê thành phần hồ sơ. ${hotlineSentence(c)}`;
    const shown = f.documents.slice(0, 6);
    const more = f.documents.length - shown.length;
    return `${head} — hồ sơ gồm: ${shown.map((d, i) => `(${i + 1}) ${d}`).join('; ')}${more > 0 ? `; và ${more} giấy tờ khác (xem trang thủ tục)` : ''}.`;
  }
  if (p === 'where') {
    if (!f.where) return `${head} không có trong danh sách thủ tục tỉnh tiếp nhận (${f.levels.map((l) => LEVEL_LABEL[l] ?? l).join(', ')}). ${hotlineSentence(c)}`;
    if (f.where.scope === 'all_communes') return `${head}: nộp tại Trung tâm phục vụ hành chính công / bộ phận một cửa của Ủy ban nhân dân xã, phường nơi bạn cư trú (tất cả ${f.where.units.length || 'các'} xã, phường trong tỉnh).`;
    if (f.where.scope === 'communes') return `${head}: nộp tại ${f.where.units.slice(0, 5).join(', ')}${f.where.units.length > 5 ? ` và ${f.where.units.length - 5} xã, phường khác` : ''}.`;
    return `${head}: nộp tại ${f.where.units[0] ?? 'cơ quan cấp tỉnh được giao'} (qua Trung tâm phục vụ hành chính công tỉnh).`;
  }
  // online
  if (f.online) return `${head} nộp được trực tuyến${f.applyUrl ? `: ${f.applyUrl}` : ''}.`;
  return `${head}: danh mục không ghi cách nộp trực tuyến; hãy nộp trực tiếp${f.where ? ' tại nơi tiếp nhận' : ''}.`;
}

/** The answer for a found procedure: what it is, where, fee and time when known, and the link. */
export function answerProcedure(f: ProcedureFacts, c: ContactFacts): string {
  const parts = [`Thủ tục phù hợp: «${f.name}» (mã ${f.code}, lĩnh vực ${f.field}).`];
  if (f.where) parts.push(answerProperty('where', f, c).replace(/^Thủ tục «[^»]*» \(mã [^)]*\): /, 'Nơi nộp: '));
  const fee = answerProperty('fee', f, c);
  if (!/không ghi/.test(fee)) parts.push(fee.replace(/^Thủ tục «[^»]*» \(mã [^)]*\) — /, 'P').replace(/^Phí, lệ phí/, 'Phí, lệ phí'));
  const time = answerProperty('time', f, c);
  if (!/không ghi/.test(time)) parts.push(time.replace(/^Thủ tục «[^»]*» \(mã [^)]*\) — t/, 'T'));
  parts.push(`Chi tiết: ${f.url}${f.online && f.applyUrl ? ` — nộp trực tuyến: ${f.applyUrl}` : ''}.`);
  return parts.join(' ');
}

/** When unsure: the top choices and the hotline. */
export function answerChoices(names: { code: string; name: string }[], c: ContactFacts): string {
  if (!names.length) return `Xin lỗi, tôi chưa tìm được thủ tục phù hợp với câu hỏi. ${hotlineSentence(c)}`;
  return `Bạn đang hỏi về thủ tục nào dưới đây? ${names.map((n, i) => `${i + 1}) ${n.name} (mã ${n.code})`).join('; ')}. Hãy trả lời bằng số thứ tự hoặc nói rõ hơn. ${hotlineSentence(c)}`;
}

export function answerContact(c: ContactFacts): string {
  const parts: string[] = [];
  if (c.hotline) parts.push(`Đường dây nóng: ${c.hotline}${c.hours ? ` (${c.hours})` : ''}.`);
  if (c.centers.length) parts.push(`Nơi tiếp nhận: ${c.centers.join('; ')}.`);
  return parts.length ? parts.join(' ') : 'Tỉnh chưa công bố thông tin liên hệ trên hệ thống. Bạn có thể hỏi trực tiếp bộ phận một cửa nơi bạn cư trú.';
}

export const GREETING_ANSWER =
  'Xin chào! Tôi là trợ lý thủ tục hành chính. Bạn có thể hỏi, ví dụ: «làm giấy khai sinh cho con», «phí làm căn cước», «nộp hồ sơ tạm trú ở đâu», hoặc gửi mã hồ sơ để tra cứu.';
export const THANKS_ANSWER = 'Rất vui được giúp bạn. Bạn cần hỏi thêm gì cứ nhắn nhé.';

/** The answer for a dossier's public tracking view (status and dates only; no personal data). */
export function answerTrack(t: { code: string; statusLabel: string; procedureName: string; dueAt: string | null; finishedAt: string | null; overdue: boolean }, formatDate: (iso: string) => string, url: string): string {
  const parts = [`Hồ sơ ${t.code} («${t.procedureName}»): ${t.statusLabel}.`];
  if (t.finishedAt) parts.push(`Đã giải quyết ngày ${formatDate(t.finishedAt)}.`);
  else if (t.dueAt) parts.push(`Hẹn trả kết quả ngày ${formatDate(t.dueAt)}${t.overdue ? ' (đã quá hạn)' : ''}.`);
  parts.push(`Xem chi tiết: ${url}.`);
  return parts.join(' ');
}

/** Where an answer's facts come from, said at its end (the issue: "the link … and the source"). */
export function sourceSentence(f: Pick<ProcedureFacts, 'provinceFee'> | 'faq'): string {
  if (f === 'faq') return 'Nguồn: câu hỏi thường gặp đã được cán bộ của tỉnh duyệt.';
  return f.provinceFee?.source === 'override'
    ? 'Nguồn: Cơ sở dữ liệu quốc gia về thủ tục hành chính; mức phí, lệ phí theo quy định của tỉnh.'
    : 'Nguồn: Cơ sở dữ liệu quốc gia về thủ tục hành chính.';
}
