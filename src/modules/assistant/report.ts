/**
 * The assistant's hand-off to the feedback module: one turn of the conversation in which a person reports
 * a problem. It recognises the report, asks where it happens and how to answer them, shows where it will
 * go (the feedback module's routing) and sends it through the feedback contract only after the person
 * says "đồng ý" — recorded with the channel it came from ('assistant' or 'zalo'). Nothing is filed
 * without that confirmation; "hủy" or any unrelated question drops the draft.
 */
import { Problem } from '../../platform/errors.ts';
import type { FeedbackService } from '../feedback/index.ts';
import {
  CANCELLED_ANSWER,
  contactIn,
  detectReport,
  draftPrompt,
  formLink,
  isCancel,
  isConfirm,
  isProcedureQuestion,
  placePhrase,
  sentAnswer,
  stageOf,
  withoutContact,
  type ReportDraft,
} from './domain/report.ts';
import { foldText } from './domain/text.ts';

export interface ReportTurn {
  answer: string;
  /** The draft to keep for the next message (null: sent, cancelled or abandoned). */
  draft: ReportDraft | null;
  /** The report's code once sent. */
  sent: string | null;
}

/** Words that only introduce a place in a follow-up ("ở", "tại", "là"). */
const PLACE_FILLER = /^(?:(?:nó |việc này |chỗ đó |chỗ này )?(?:ở|tại|thuộc|là|khu vực|địa bàn)\s+)+/iu;

export function createReportDesk(deps: { feedback: () => FeedbackService; publicUrl: string }) {
  const { publicUrl } = deps;

  /** Asks the feedback module where the draft would go; fills in the commune and the unit when the place is known. */
  async function placed(d: ReportDraft, place: string | null): Promise<ReportDraft> {
    const p = await deps.feedback().routePreview({ category: d.category, address: place });
    if (!place || !p.communeCode) return { ...d, categoryLabel: p.categoryLabel, place: place ?? d.place };
    const sameAsCommune = foldText(place) === foldText(p.communeName ?? '');
    return { ...d, categoryLabel: p.categoryLabel, place: p.street ?? (sameAsCommune ? null : place), communeCode: p.communeCode, communeName: p.communeName, unitName: p.unitName, answerWorkingDays: p.answerWorkingDays };
  }

  async function send(d: ReportDraft, channel: 'assistant' | 'zalo'): Promise<ReportTurn> {
    try {
      const r = await deps.feedback().submitConfirmed(channel, {
        category: d.category,
        text: d.text,
        textPublic: false,
        address: [d.place, d.communeName].filter(Boolean).join(', ') || null,
        communeCode: d.communeCode,
        contact: { phone: d.phone, email: d.email },
      });
      return { answer: sentAnswer({ code: r.code, unitName: r.report.unit.name, trackUrl: `${publicUrl}/phan-anh/${encodeURIComponent(r.code)}?k=${r.key}` }), draft: null, sent: r.code };
    } catch (e) {
      if (!(e instanceof Problem) || e.status >= 500) throw e;
      return { answer: `Chưa gửi được phản ánh: ${e.detail ?? e.title}. Bạn có thể gửi qua trang: ${formLink(publicUrl, d)}`, draft: null, sent: null };
    }
  }

  /**
   * One message in a report conversation, or null when the message is not about a report (the assistant
   * then answers it as a question, and any draft is dropped).
   */
  async function turn(message: string, draft: ReportDraft | null, channel: 'assistant' | 'zalo'): Promise<ReportTurn | null> {
    if (draft) {
      if (isCancel(message)) return { answer: CANCELLED_ANSWER, draft: null, sent: null };
      if (stageOf(draft) === 'confirm' && isConfirm(message)) return send(draft, channel);
      const contact = contactIn(message);
      const rest = withoutContact(message).replace(PLACE_FILLER, '').trim();
      let d: ReportDraft = { ...draft, phone: contact.phone ?? draft.phone, email: contact.email ?? draft.email };
      const stage = stageOf(draft);
      let placeNotFound: string | undefined;
      if (stage === 'need_text' && rest && !isProcedureQuestion(rest) && !detectReport(rest)?.bare) {
        const seen = detectReport(rest);
        d = await placed({ ...d, text: rest, category: seen && seen.category !== 'khac' ? seen.category : d.category }, placePhrase(rest));
      } else if (stage === 'need_place' && rest && rest.split(/\s+/).length <= 15 && !detectReport(rest)) {
        const place = [draft.place, rest].filter(Boolean).join(', ');
        d = await placed(d, place);
        if (!d.communeCode) {
          placeNotFound = rest;
          d = { ...d, place: draft.place };
        }
      } else if (!contact.phone && !contact.email) {
        // not an answer to what was asked: a new report starts over, anything else is a question
        return detectReport(message) ? turn(message, null, channel) : null;
      }
      return { answer: draftPrompt(d, publicUrl, { placeNotFound }), draft: d, sent: null };
    }
    const seen = detectReport(message);
    if (!seen) return null;
    const contact = contactIn(message);
    const text = seen.bare ? '' : withoutContact(message).slice(0, 2000);
    let d: ReportDraft = { category: seen.category, categoryLabel: '', text, place: null, communeCode: null, communeName: null, unitName: null, answerWorkingDays: null, phone: contact.phone, email: contact.email };
    d = await placed(d, text ? placePhrase(text) : null);
    return { answer: draftPrompt(d, publicUrl), draft: d, sent: null };
  }

  return { turn };
}
