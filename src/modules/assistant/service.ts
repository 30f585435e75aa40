/**
 * The assistant's use cases: the engine kept in step with the catalogue (and registered as the catalogue's
 * search ranker), `ask` (intents, follow-ups, answers from facts, the optional rephrasing), the FAQ and
 * vocabulary officials manage, the log of weak answers and the "top questions" view.
 */
import { z } from 'zod';
import type { Caller, Principal } from '../../platform/access.ts';
import { problems } from '../../platform/errors.ts';
import { requireService, type PlatformContext } from '../../platform/modules.ts';
import { formatDate, vnDate } from '../../platform/vietnamese.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { SubmitInput } from '../feedback/index.ts';

type Procedure = NonNullable<Awaited<ReturnType<CatalogService['getProcedure']>>>;
import { Engine, type IndexRow, type RankOptions, type RankResult } from './domain/engine.ts';
import {
  answerChoices,
  answerContact,
  answerProcedure,
  answerProperty,
  answerTrack,
  GREETING_ANSWER,
  guessIntent,
  hotlineSentence,
  type Intent,
  type ProcedureFacts,
  type Property,
  sourceSentence,
  THANKS_ANSWER,
  withoutPropertyWords,
} from './domain/intents.ts';
import { foldText } from './domain/text.ts';
import { createReportDesk } from './report.ts';
import { DEFAULT_VOCABULARY, mergeVocabulary, type VocabularyData } from './domain/vocabulary.ts';
import { createRephraser, type Rephraser } from './llm.ts';
import { postersPdf } from './posters.ts';
import { loadSession, purgeSessions, saveSession } from './sessions.ts';
import * as store from './store.ts';

export const PERMISSION_MANAGE = 'assistant.knowledge.manage';
export const PERMISSION_READ_QUESTIONS = 'assistant.questions.read';
export const PERMISSION_POSTERS = 'assistant.posters.print';
export const PERMISSION_QUEUE_CALL = 'assistant.queue.call';
export const PERMISSION_CALLS = 'assistant.calls.log';

/** Below this the assistant offers choices instead of answering for one procedure. */
export const CONFIDENT = 0.5;

const FOLDED_FILLERS = new Set(DEFAULT_VOCABULARY.fillers.filter((f) => !f.includes(' ')).map((f) => foldText(f)));

export type AssistantChannel = 'web' | 'kiosk' | 'zalo' | 'callcenter' | 'api';

export interface AskInput {
  question: string;
  session?: string;
}

export interface AskResult {
  answer: string;
  intent: Intent;
  procedures: { code: string; name: string; score: number }[];
  confidence: number;
  session: string;
}

/** The module's settings, validated from the configuration (never the environment directly). */
export const AssistantSettingsSchema = z.object({
  ASSISTANT_LLM_URL: z.string().url('phải là URL, ví dụ http://127.0.0.1:8080/v1').optional(),
  ASSISTANT_LLM_MODEL: z.string().min(1).default('default'),
  ASSISTANT_LLM_API_KEY: z.string().min(1).optional(),
  ASSISTANT_LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(4000),
  /** Days a logged question (masked) is kept for officials to grow the FAQ; older ones are deleted. */
  ASSISTANT_QUESTION_LOG_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  ZALO_OA_SECRET: z.string().min(8).optional(),
  ZALO_OA_APP_ID: z.string().min(1).optional(),
  ZALO_OA_API_URL: z.string().url().default('https://openapi.zalo.me'),
  ZALO_OA_ACCESS_TOKEN: z.string().min(1).optional(),
});
export type AssistantSettings = z.infer<typeof AssistantSettingsSchema>;

export function assistantSettings(env: Readonly<Record<string, string>>): AssistantSettings {
  const r = AssistantSettingsSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('ASSISTANT_') || k.startsWith('ZALO_'))));
  if (!r.success) throw new Error(`Cấu hình trợ lý không hợp lệ: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

/** Long digit runs (phone numbers, identity numbers) masked before a question is stored. */
export function maskQuestion(q: string): string {
  return q.replace(/\d[\d .-]{7,}\d/g, (m) => (m.replace(/\D/g, '').length >= 9 ? '[số đã ẩn]' : m)).slice(0, 500);
}

export function createAssistantService(ctx: PlatformContext) {
  const db = ctx.db;
  const province = ctx.config.provinceCode ?? '25';
  const settings = assistantSettings(ctx.config.env);
  const catalog = (): CatalogService => requireService(ctx, 'catalog', 'assistant');
  const rephraser: Rephraser | null = settings.ASSISTANT_LLM_URL
    ? createRephraser({ url: settings.ASSISTANT_LLM_URL, model: settings.ASSISTANT_LLM_MODEL, apiKey: settings.ASSISTANT_LLM_API_KEY ?? null, timeoutMs: settings.ASSISTANT_LLM_TIMEOUT_MS })
    : null;

  let engine: Engine | null = null;
  let engineVersion = '';
  let vocabVersion = '';
  let checkedAt = 0;
  let building: Promise<Engine> | null = null;
  const reports = createReportDesk({ feedback: () => requireService(ctx, 'feedback', 'assistant'), publicUrl: ctx.config.publicUrl });

  async function vocabulary(): Promise<VocabularyData> {
    const extra: Partial<VocabularyData> = { rewrites: [], fillers: [], lifeEvents: [] };
    for (const e of await store.listVocabulary(db, true)) {
      if (e.kind === 'rewrite') extra.rewrites!.push({ from: [e.phrase], to: e.target });
      else if (e.kind === 'filler') extra.fillers!.push(e.phrase);
      else extra.lifeEvents!.push({ id: e.target, name: e.target, triggers: [e.phrase], procedures: [] });
    }
    return mergeVocabulary(DEFAULT_VOCABULARY, extra);
  }

  /** The engine for the current catalogue, offering and vocabulary (checked at most once a second). */
  async function getEngine(): Promise<Engine> {
    const now = Date.now();
    if (engine && now - checkedAt < 1000) return engine;
    if (building) return building;
    building = (async () => {
      try {
        const [v, vv] = await Promise.all([catalog().indexVersion(province), store.vocabularyVersion(db)]);
        checkedAt = Date.now();
        if (engine && v === engineVersion && vv === vocabVersion) return engine;
        if (engine && v === engineVersion) {
          engine.useVocabulary(await vocabulary());
          vocabVersion = vv;
          return engine;
        }
        const rows = (await catalog().indexRows(province)) as IndexRow[];
        engine = new Engine(rows, await vocabulary());
        engineVersion = v;
        vocabVersion = vv;
        return engine;
      } finally {
        building = null;
      }
    })();
    return building;
  }

  async function rank(question: string, opts: RankOptions = {}): Promise<RankResult> {
    return (await getEngine()).rank(question, opts);
  }

  async function facts(code: string): Promise<ProcedureFacts | null> {
    const c = catalog();
    const p: Procedure | null = await c.getProcedure(code);
    if (!p) return null;
    const where = await c.whereOffered(province, code).catch(() => null);
    const fee = where ? await c.effectiveFee(province, code).catch(() => null) : null;
    const online = p.channels.includes('online') && where?.offering.online !== false;
    return {
      code: p.code,
      name: p.name,
      field: p.field,
      levels: p.levels,
      channels: p.channel_options.map((o) => ({
        channel: o.channel,
        time: o.processing_time.unit || o.processing_time.value != null ? o.processing_time.text : null,
        fee: { status: o.fee.status, amount_vnd: o.fee.amount_vnd, description: o.fee.description },
      })),
      provinceFee: fee ? { status: fee.status, amount_vnd: fee.amount_vnd, source: fee.source } : null,
      documents: p.documents.map((d) => d.name),
      where: where ? { scope: where.offering.scope, units: where.units.map((u) => u.name ?? u.code) } : null,
      online,
      url: `${ctx.config.publicUrl}/thu-tuc/${p.code}`,
      applyUrl: online ? `${ctx.config.publicUrl}/thu-tuc/${p.code}/nop` : null,
    };
  }

  function factsText(f: ProcedureFacts, contacts: store.Contacts): string {
    return JSON.stringify({ f, contacts });
  }

  async function faqAnswer(question: string, e: Engine): Promise<store.Faq | null> {
    const approved = await store.listFaq(db, 'approved');
    if (!approved.length) return null;
    // both sides folded the same way (accents or not), fillers dropped
    const words = (q: string) => new Set(foldText(q).split(' ').filter((w) => w && !FOLDED_FILLERS.has(w)));
    const q = words(question);
    if (q.size === 0) return null;
    let best: { f: store.Faq; s: number } | null = null;
    for (const f of approved) {
      const w = words(f.question);
      const inter = [...q].filter((x) => w.has(x)).length;
      const s = inter / Math.max(q.size, w.size);
      if (!best || s > best.s) best = { f, s };
    }
    return best && best.s >= 0.6 ? best.f : null;
  }

  async function ask(input: AskInput, channel: AssistantChannel = 'api'): Promise<AskResult> {
    const question = input.question.normalize('NFC').trim().slice(0, 500);
    if (!question) throw problems.badRequest('empty-question', 'Câu hỏi không được để trống.');
    const { id, s, saved } = await loadSession(db, input.session);
    const e = await getEngine();
    const contacts = await store.getContacts(db);
    const g = guessIntent(question);
    // a report of a problem: handed to the feedback module once the person confirms (the hotline operator logs calls instead)
    const rep = channel === 'callcenter' || (g.intent === 'track' && !s.report) ? null : await reports.turn(question, s.report ?? null, channel === 'zalo' ? 'zalo' : 'assistant');
    s.report = rep?.draft ?? null;
    if (rep) {
      await saveSession(db, id, s, saved);
      return { answer: rep.answer, intent: 'report', procedures: [], confidence: 1, session: id };
    }
    let result: Omit<AskResult, 'session'>;
    let factsForGuard = '';

    const forProcedure = async (code: string, props: Property[], confidence: number, procs: AskResult['procedures'], intent: Intent): Promise<Omit<AskResult, 'session'>> => {
      const f = await facts(code);
      if (!f) return { answer: answerChoices([], contacts), intent: 'out_of_scope', procedures: [], confidence: 0 };
      s.code = code;
      s.choices = [];
      factsForGuard = factsText(f, contacts);
      const answer = `${props.length ? props.map((p) => answerProperty(p, f, contacts)).join(' ') + ` Chi tiết: ${f.url}.` : answerProcedure(f, contacts)} ${sourceSentence(f)}`;
      return { answer, intent, procedures: procs, confidence };
    };

    if (g.intent === 'greeting') result = { answer: GREETING_ANSWER, intent: 'greeting', procedures: [], confidence: 1 };
    else if (g.intent === 'thanks') result = { answer: THANKS_ANSWER, intent: 'thanks', procedures: [], confidence: 1 };
    else if (g.intent === 'contact') result = { answer: answerContact(contacts), intent: 'contact', procedures: [], confidence: 1 };
    else if (g.intent === 'track') result = await track(g.dossierCode!);
    else if (g.intent === 'choose' && g.choice && s.choices[g.choice - 1]) {
      const code = s.choices[g.choice - 1]!;
      const row = e.row(code);
      result = await forProcedure(code, [], 1, row ? [{ code, name: row.name, score: 1 }] : [], 'find');
    } else {
      const faq = await faqAnswer(question, e);
      const r = e.rank(question, { limit: 5 });
      const procs = r.items.map((i) => ({ code: i.code, name: i.name, score: i.score }));
      // a follow-up: a property asked with no procedure of its own ("phí bao nhiêu?") → the last one
      const rest = g.properties.length ? withoutPropertyWords(question) : question;
      const ownWords = rest ? e.understand(rest).tokens.length : 0;
      if (faq) {
        result = { answer: `${faq.answer}${faq.procedure_code ? ` (Thủ tục mã ${faq.procedure_code}: ${ctx.config.publicUrl}/thu-tuc/${faq.procedure_code})` : ''} ${sourceSentence('faq')}`, intent: 'faq', procedures: faq.procedure_code ? procs.filter((p) => p.code === faq.procedure_code) : [], confidence: 0.9 };
        factsForGuard = faq.answer;
      } else if (g.properties.length && s.code && (ownWords === 0 || r.confidence < CONFIDENT)) {
        const row = e.row(s.code);
        result = await forProcedure(s.code, g.properties, 0.9, row ? [{ code: s.code, name: row.name, score: 1 }] : [], 'property');
      } else if (r.items.length && r.confidence >= CONFIDENT) {
        result = await forProcedure(r.items[0]!.code, g.properties, r.confidence, procs, g.properties.length ? 'property' : 'find');
      } else if (r.items.length && r.understood.content && r.items[0]!.coverage >= 0.45) {
        s.choices = r.items.slice(0, 3).map((i) => i.code);
        result = { answer: answerChoices(r.items.slice(0, 3), contacts), intent: g.properties.length ? 'property' : 'find', procedures: procs.slice(0, 3), confidence: r.confidence };
      } else {
        result = { answer: `Xin lỗi, câu hỏi này nằm ngoài các thủ tục hành chính tôi biết. ${hotlineSentence(contacts)}`, intent: 'out_of_scope', procedures: [], confidence: 0 };
      }
    }

    if (rephraser && factsForGuard && result.confidence >= CONFIDENT) {
      const r = await rephraser.rephrase(question, result.answer, factsForGuard);
      if (r.used) result = { ...result, answer: r.text };
    }
    const answered = result.confidence >= CONFIDENT && result.intent !== 'out_of_scope';
    if (!answered || result.intent === 'find' || result.intent === 'property' || result.intent === 'faq') {
      await store
        .logQuestion(db, {
          channel,
          question: maskQuestion(question),
          folded: foldText(maskQuestion(question)).slice(0, 300),
          intent: result.intent,
          confidence: result.confidence,
          top_code: result.procedures[0]?.code ?? null,
          answered,
        })
        .catch((err: unknown) => ctx.log.warn({ err }, 'assistant: question not logged'));
    }
    await saveSession(db, id, s, saved);
    return { ...result, session: id };
  }

  async function track(code: string): Promise<Omit<AskResult, 'session'>> {
    const dossiers = ctx.services.dossiers;
    const contacts = await store.getContacts(db);
    if (!dossiers) return { answer: `Chưa tra cứu được hồ sơ lúc này. ${hotlineSentence(contacts)}`, intent: 'track', procedures: [], confidence: 0 };
    try {
      const t = await dossiers.track(code, {});
      return { answer: answerTrack(t, (iso) => formatDate(new Date(iso)), `${ctx.config.publicUrl}/tra-cuu/${code}`), intent: 'track', procedures: [], confidence: 1 };
    } catch {
      return { answer: `Không tìm thấy hồ sơ có mã ${code}. Hãy kiểm tra lại mã trên giấy tiếp nhận và hẹn trả kết quả. ${hotlineSentence(contacts)}`, intent: 'track', procedures: [], confidence: 1 };
    }
  }

  /** Other procedures of the same life events (for "related procedures"). */
  async function related(code: string): Promise<{ event: string; procedures: { code: string; name: string }[] }[]> {
    const e = await getEngine();
    return e.eventsOf(code).map((ev) => ({
      event: ev.name,
      procedures: ev.procedures.filter((c) => c !== code).flatMap((c) => {
        const r = e.row(c);
        return r ? [{ code: c, name: r.name }] : [];
      }),
    }));
  }

  // ----------------------------------------------------------------- officials: FAQ, vocabulary, questions
  function who(p: Principal): string {
    return p.id;
  }

  async function audit(tx: Parameters<typeof store.listFaq>[0], actor: { principal: Principal; ip?: string | null; requestId?: string | null }, action: string, target: string, before: unknown, after: unknown) {
    await requireService(ctx, 'audit', 'assistant').append(tx, {
      actor: { kind: actor.principal.kind, id: actor.principal.id, subject: actor.principal.subject },
      actingUnit: actor.principal.unitCode ?? province,
      action,
      target,
      ip: actor.ip ?? null,
      requestId: actor.requestId ?? null,
      before,
      after,
    });
  }

  async function checkProcedure(code: string | null | undefined): Promise<void> {
    if (!code) return;
    if (!(await catalog().getProcedure(code))) throw problems.unprocessable('unknown-procedure', `Không có thủ tục mã ${code} trong danh mục.`);
  }

  type Actor = { principal: Principal; ip?: string | null; requestId?: string | null };

  async function createFaq(input: { question: string; answer: string; procedure_code?: string | null }, actor: Actor) {
    await checkProcedure(input.procedure_code);
    return db.transaction(async (tx) => {
      const f = await store.insertFaq(tx, { question: input.question.trim(), answer: input.answer.trim(), procedure_code: input.procedure_code ?? null }, who(actor.principal));
      await audit(tx, actor, 'assistant.faq.create', `faq:${f.id}`, null, f);
      return f;
    });
  }

  async function updateFaq(id: number, input: { question?: string; answer?: string; procedure_code?: string | null; status?: store.FaqStatus }, actor: Actor) {
    await checkProcedure(input.procedure_code);
    return db.transaction(async (tx) => {
      const before = await store.getFaq(tx, id, true);
      if (!before) throw problems.notFound(`câu hỏi thường gặp số ${id}`, 'faq-not-found');
      if (before.status === 'retired' && input.status !== 'draft' && input.status !== undefined && input.status !== 'retired')
        throw problems.unprocessable('faq-retired', 'Câu hỏi đã ngừng dùng: hãy chuyển về bản nháp trước khi duyệt lại.');
      const after = await store.updateFaq(
        tx,
        id,
        {
          question: input.question?.trim() ?? before.question,
          answer: input.answer?.trim() ?? before.answer,
          procedure_code: input.procedure_code === undefined ? before.procedure_code : input.procedure_code,
          status: input.status ?? before.status,
        },
        who(actor.principal),
      );
      const action = input.status && input.status !== before.status ? `assistant.faq.${input.status === 'approved' ? 'approve' : input.status === 'retired' ? 'retire' : 'draft'}` : 'assistant.faq.update';
      await audit(tx, actor, action, `faq:${id}`, before, after);
      return after;
    });
  }

  /** The life events the vocabulary knows (an "event" entry adds a trigger phrase to one of them). */
  async function lifeEvents(): Promise<{ id: string; name: string; procedures: { code: string; name: string }[] }[]> {
    const e = await getEngine();
    return DEFAULT_VOCABULARY.lifeEvents.map((ev) => ({ id: ev.id, name: ev.name, procedures: ev.procedures.flatMap((c) => (e.row(c) ? [{ code: c, name: e.row(c)!.name }] : [])) }));
  }

  function checkTarget(kind: store.VocabularyEntry['kind'], target: string | undefined): void {
    if (kind !== 'filler' && !target?.trim()) throw problems.unprocessable('target-required', 'Cần ghi từ ngữ thay thế (hoặc chọn sự kiện).');
    if (kind === 'event' && !DEFAULT_VOCABULARY.lifeEvents.some((e) => e.id === target!.trim()))
      throw problems.unprocessable('unknown-life-event', `Không có sự kiện mã "${target!.trim()}". Các mã: ${DEFAULT_VOCABULARY.lifeEvents.map((e) => e.id).join(', ')}.`);
  }

  async function addVocabulary(input: { kind: store.VocabularyEntry['kind']; phrase: string; target?: string }, actor: Actor) {
    checkTarget(input.kind, input.target);
    const e = await db.transaction(async (tx) => {
      const v = await store.insertVocabulary(tx, { kind: input.kind, phrase: input.phrase.trim(), target: input.target?.trim() ?? '' }, who(actor.principal));
      await audit(tx, actor, 'assistant.vocabulary.create', `vocabulary:${v.id}`, null, v);
      return v;
    });
    checkedAt = 0;
    return e;
  }

  /** Edits an entry's words or turns it on or off (audited with the entry before and after). */
  async function updateVocabulary(id: number, input: { phrase?: string; target?: string; active?: boolean }, actor: Actor) {
    const e = await db.transaction(async (tx) => {
      const before = await store.getVocabulary(tx, id);
      if (!before) throw problems.notFound(`mục từ vựng số ${id}`, 'vocabulary-not-found');
      const next = { phrase: input.phrase?.trim() ?? before.phrase, target: input.target?.trim() ?? before.target, active: input.active ?? before.active };
      checkTarget(before.kind, next.target);
      const after = await store.updateVocabulary(tx, id, next);
      const action = next.phrase === before.phrase && next.target === before.target && next.active !== before.active ? (next.active ? 'assistant.vocabulary.activate' : 'assistant.vocabulary.retire') : 'assistant.vocabulary.update';
      await audit(tx, actor, action, `vocabulary:${id}`, before, after);
      return after;
    });
    checkedAt = 0;
    return e;
  }

  async function provinceName(): Promise<string> {
    const u = await requireService(ctx, 'units', 'assistant').resolveOrgUnit(province).catch(() => null);
    return u?.name ?? `Tỉnh, thành phố mã ${province}`;
  }

  /** The A4 QR poster of one procedure (null when the catalogue has no such procedure). */
  async function poster(code: string): Promise<Uint8Array | null> {
    const f = await facts(code);
    if (!f) return null;
    return postersPdf([f], { province: await provinceName(), title: `Thủ tục ${f.code}` });
  }

  /** Posters of the procedures received at a service center (a commune or an agency), most first. */
  async function postersForUnit(unit: string, limit: number): Promise<Uint8Array> {
    const offerings = await catalog().offeringsAt(unit);
    const codes = offerings.map((o) => o.procedure_code).slice(0, limit);
    const list: ProcedureFacts[] = [];
    for (const c of codes) {
      const f = await facts(c);
      if (f) list.push(f);
    }
    if (!list.length) throw problems.notFound(`thủ tục nào tiếp nhận tại đơn vị ${unit}`, 'no-offerings');
    return postersPdf(list, { province: await provinceName(), title: `Thủ tục tiếp nhận tại ${unit}` });
  }

  // ----------------------------------------------------------------- queue numbers (kiosk, counter screen)
  const today = () => vnDate(new Date());
  const queue = {
    take: (unit: string, counter: number) => db.transaction((tx) => store.takeTicket(tx, unit, today(), counter)),
    callNext: (unit: string, by: Principal) => db.transaction((tx) => store.callNext(tx, unit, today(), by.id)),
    state: (unit: string) => store.queueState(db, unit, today()),
    /** Today's queue per service center (the leaders' dashboard reads this contract). */
    facts: () => store.queueFacts(db, today(), new Date()),
  };

  /**
   * One-click log of a hotline call (what it was about; the dossier if the caller gave one). When the caller
   * reports a problem, the operator's report is filed through the feedback module (channel 'phone', the
   * caller's contact) and the call keeps its code.
   */
  async function logCall(
    input: { topic: store.CallLog['topic']; dossier_code?: string | null; procedure_code?: string | null; note?: string | null; feedback?: Omit<SubmitInput, 'channel' | 'dossierCode'> | null },
    actor: { principal: Principal; ip?: string | null; requestId?: string | null },
    caller: Caller,
  ) {
    if (input.feedback && input.topic !== 'complaint') throw problems.unprocessable('call-not-complaint', 'Chỉ tạo phản ánh từ cuộc gọi có chủ đề «Phản ánh, kiến nghị».');
    await checkProcedure(input.procedure_code);
    const filed = input.feedback ? await requireService(ctx, 'feedback', 'assistant').submit({ ...input.feedback, channel: 'phone', dossierCode: input.dossier_code ?? null }, caller) : null;
    const c = await db.transaction(async (tx) => {
      const c = await store.insertCall(tx, {
        operator: actor.principal.id,
        unit: actor.principal.unitCode ?? null,
        topic: input.topic,
        dossier_code: input.dossier_code ?? null,
        procedure_code: input.procedure_code ?? null,
        note: input.note?.trim() || null,
        feedback_code: filed?.code ?? null,
      });
      await audit(tx, actor, 'assistant.call.log', `call:${c.id}`, null, { topic: c.topic, dossier_code: c.dossier_code, procedure_code: c.procedure_code, feedback_code: c.feedback_code });
      return c;
    });
    return { ...c, feedback: filed ? { code: filed.code, unitName: filed.report.unit.name, answerDueAt: filed.report.answerDueAt } : null };
  }

  return {
    province,
    settings,
    queue,
    logCall,
    poster,
    postersForUnit,
    getEngine,
    rank,
    ask,
    track,
    related,
    facts,
    listFaq: (status?: store.FaqStatus) => store.listFaq(db, status),
    createFaq,
    updateFaq,
    listVocabulary: () => store.listVocabulary(db),
    addVocabulary,
    updateVocabulary,
    lifeEvents,
    topQuestions: (days: number, limit: number) => store.topQuestions(db, new Date(Date.now() - days * 86_400_000), limit),
    purgeSessions: () => purgeSessions(db),
    /** The module's periodic clean-up: expired conversations, old Zalo message ids, questions past their keeping time. */
    purge: async (now = new Date()) => ({
      sessions: await purgeSessions(db, now),
      zalo: await store.purgeZaloEvents(db, now),
      questions: await store.purgeQuestionLog(db, new Date(now.getTime() - settings.ASSISTANT_QUESTION_LOG_DAYS * 86_400_000)),
    }),
    firstZaloDelivery: (msgId: string) => store.firstZaloDelivery(db, msgId),
    contacts: () => store.getContacts(db),
    putContact: (key: 'hotline' | 'hours' | 'center', value: unknown) => store.putContact(db, key, value),
  };
}

export type AssistantService = ReturnType<typeof createAssistantService>;
