/**
 * Evaluation of the assistant's engine: `npm run bench:assistant` → bench/results/assistant.json.
 *
 *  - a labelled set (bench/data/assistant-questions.jsonl, 229 questions written for this: with and without
 *    diacritics, abbreviations, typos, life events, rare variants, codes, and 10 follow-up conversations),
 *    each with the right procedure code(s): top-1, top-3, MRR, refusal rate (the assistant offered choices
 *    or the hotline instead of one answer), p95 latency of the engine;
 *  - the baseline in the same run: the catalogue's own SQL search (`searchSql`, what the portal used before),
 *    on the same questions;
 *  - the real citizen questions in shared/data/questions (no labels): the share that gets a confident answer.
 *
 * The platform runs on a fresh in-memory PGlite with the real catalogue and the demo province's offering.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/platform/config.ts';
import { openPglite } from '../src/platform/db.ts';
import { createLogger } from '../src/platform/logger.ts';
import { openRuntime } from '../src/main.ts';
import type { AppModule } from '../src/platform/modules.ts';
import { auditModule } from '../src/modules/audit/index.ts';
import { unitsModule } from '../src/modules/units/index.ts';
import { catalogModule, seedDemoOffering } from '../src/modules/catalog/index.ts';
import { calendarModule } from '../src/modules/calendar/index.ts';
import { identityModule } from '../src/modules/identity/index.ts';
import { notificationsModule } from '../src/modules/notifications/index.ts';
import { feedbackModule } from '../src/modules/feedback/index.ts';
import { createAssistantService, CONFIDENT } from '../src/modules/assistant/service.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const platformModule: AppModule = { name: 'platform', migrationsDir: path.join(here, '..', 'src', 'platform', 'migrations') };
const assistantTables: AppModule = { name: 'assistant', migrationsDir: path.join(here, '..', 'src', 'modules', 'assistant', 'migrations') };
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

interface Labelled {
  id: string;
  question?: string;
  turns?: string[];
  codes: string[];
  kind: string;
}

function findQuestionsDir(): string | null {
  for (let dir = path.resolve(here, '..'); ; dir = path.dirname(dir)) {
    const d = path.join(dir, 'shared', 'data', 'questions');
    if (fs.existsSync(d)) return d;
    const sib = path.join(dir, '..', 'shared', 'data', 'questions');
    if (fs.existsSync(sib)) return path.resolve(sib);
    if (path.dirname(dir) === dir) return null;
  }
}

const labelled: Labelled[] = fs
  .readFileSync(path.join(here, 'data', 'assistant-questions.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Labelled);

process.stdout.write('Chuẩn bị cơ sở dữ liệu (danh mục thủ tục, đơn vị hành chính, danh sách tỉnh cung cấp)…\n');
const db = await openPglite();
const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-bench-assistant-')) });
// the feedback module too: a real question that reports a problem ("đường hỏng…") is routed by it (ADR 0092)
const rt = await openRuntime(config, { db, log: createLogger('silent'), modules: [platformModule, auditModule, unitsModule, calendarModule, catalogModule, identityModule, notificationsModule, feedbackModule, assistantTables] });
for (const m of rt.modules) await m.seedReference?.(rt.ctx);
await seedDemoOffering(rt.ctx);
const catalog = rt.ctx.services.catalog!;
const assistant = createAssistantService(rt.ctx);
await assistant.getEngine();

const single = labelled.filter((q) => q.question);
const followUps = labelled.filter((q) => q.turns);

// --- baseline: the catalogue's SQL search, as the portal had it
let bTop1 = 0;
let bTop3 = 0;
let bMrr = 0;
for (const q of single) {
  const r = await catalog.searchSql({ q: q.question, page_size: 10 });
  const pos = r.items.findIndex((i) => q.codes.includes(i.code));
  if (pos === 0) bTop1++;
  if (pos >= 0 && pos < 3) bTop3++;
  if (pos >= 0) bMrr += 1 / (pos + 1);
}

// --- the engine
const engine = await assistant.getEngine();
for (const q of single) engine.rank(q.question!, { limit: 10 }); // warm-up
let top1 = 0;
let top3 = 0;
let mrr = 0;
let refused = 0;
const lat: number[] = [];
const misses: string[] = [];
const byKind = new Map<string, { n: number; top1: number }>();
for (const q of single) {
  const t0 = performance.now();
  const r = engine.rank(q.question!, { limit: 10 });
  lat.push(performance.now() - t0);
  const pos = r.items.findIndex((i) => q.codes.includes(i.code));
  if (pos === 0) top1++;
  if (pos >= 0 && pos < 3) top3++;
  if (pos >= 0) mrr += 1 / (pos + 1);
  if (r.confidence < CONFIDENT) refused++;
  if (pos !== 0) misses.push(`${q.id} «${q.question}» → ${r.items[0]?.code ?? '—'} (mong đợi ${q.codes.join('/')})`);
  const k = byKind.get(q.kind) ?? { n: 0, top1: 0 };
  k.n++;
  if (pos === 0) k.top1++;
  byKind.set(q.kind, k);
}
// follow-ups: the last turn must be answered for the procedure of the conversation
let fuOk = 0;
for (const q of followUps) {
  let session: string | undefined;
  let last = null;
  for (const t of q.turns!) {
    last = await assistant.ask({ question: t, session }, 'api');
    session = last.session;
  }
  const ok = !!last && last.procedures[0] && q.codes.includes(last.procedures[0].code) && last.intent === 'property';
  if (ok) fuOk++;
  else misses.push(`${q.id} ${JSON.stringify(q.turns)} → ${last?.intent} ${last?.procedures[0]?.code ?? '—'}`);
  const pos = ok ? 0 : -1;
  if (pos === 0) {
    top1++;
    top3++;
    mrr += 1;
  }
  const k = byKind.get('followup') ?? { n: 0, top1: 0 };
  k.n++;
  if (ok) k.top1++;
  byKind.set('followup', k);
}
const n = single.length + followUps.length;
lat.sort((a, b) => a - b);

// --- the assistant's answer time (retrieval of facts included) on the labelled questions
const askLat: number[] = [];
for (const q of single.slice(0, 120)) {
  const t0 = performance.now();
  await assistant.ask({ question: q.question! }, 'api');
  askLat.push(performance.now() - t0);
}
askLat.sort((a, b) => a - b);

// --- real citizen questions (no labels): share answered with confidence
const qdir = findQuestionsDir();
let real = 0;
let realConfident = 0;
if (qdir) {
  for (const f of fs.readdirSync(qdir).filter((x) => x.endsWith('.jsonl'))) {
    for (const line of fs.readFileSync(path.join(qdir, f), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const { question } = JSON.parse(line) as { question?: string };
      if (!question) continue;
      real++;
      const r = await assistant.ask({ question }, 'api');
      if (r.confidence >= CONFIDENT && r.intent !== 'out_of_scope') realConfident++;
    }
  }
}

const metrics = {
  questions: n,
  top1: round(top1 / n),
  top3: round(top3 / n),
  mrr: round(mrr / n),
  refusal_rate: round(refused / single.length),
  p95_ms: round(percentile(lat, 95), 2),
  p50_ms: round(percentile(lat, 50), 2),
  ask_p95_ms: round(percentile(askLat, 95), 2),
  baseline_top1: round(bTop1 / single.length),
  baseline_top3: round(bTop3 / single.length),
  baseline_mrr: round(bMrr / single.length),
  followups_correct: `${fuOk}/${followUps.length}`,
  real_questions: real,
  real_questions_confident_rate: real ? round(realConfident / real) : null,
  top1_by_kind: Object.fromEntries([...byKind].map(([k, v]) => [k, `${v.top1}/${v.n}`])),
  targets: { top1: 0.85, top3: 0.95, p95_ms: 50 },
};
const result = { name: 'assistant', date: new Date().toISOString(), metrics, misses };
fs.mkdirSync(path.join(here, 'results'), { recursive: true });
fs.writeFileSync(path.join(here, 'results', 'assistant.json'), JSON.stringify(result, null, 2) + '\n');
process.stdout.write(`${JSON.stringify(metrics, null, 2)}\nĐã ghi bench/results/assistant.json\n`);
await rt.close();
