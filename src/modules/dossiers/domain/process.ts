import { z } from 'zod';
import { TIME_UNITS, type TimeLimit } from './time-limit.ts';
import { CHANNEL_INFO, type Action, type Channel } from './states.ts';

/**
 * Workflow as data: a process definition lists the ordered steps of one procedure — tier, which of the
 * dossier's units acts, the role that acts, the time budget in working hours (8 per working day, as
 * provinces approve internal processes) and the actions allowed at that step. Definitions are validated
 * here, versioned by the store, editable by a province administrator; a dossier keeps the version it
 * started with.
 */

export const STEP_UNITS = ['receiving', 'deciding', 'returning'] as const;
export type StepUnit = (typeof STEP_UNITS)[number];

export const STEP_UNIT_LABELS = {
  receiving: 'Nơi tiếp nhận hồ sơ',
  deciding: 'Cơ quan có thẩm quyền giải quyết',
  returning: 'Nơi trả kết quả',
} as const satisfies Record<StepUnit, string>;

export const ACTING_ROLES = ['receiving_officer', 'specialist', 'leader', 'clerk'] as const;
export type ActingRole = (typeof ACTING_ROLES)[number];

export const ROLE_LABELS = {
  receiving_officer: 'Cán bộ tiếp nhận',
  specialist: 'Chuyên viên xử lý',
  leader: 'Lãnh đạo phê duyệt, ký',
  clerk: 'Văn thư phát hành',
} as const satisfies Record<ActingRole, string>;

/** The permission each acting role holds (declared on the module; the identity module maps roles). */
export const ROLE_PERMISSION = {
  receiving_officer: 'dossiers.receive',
  specialist: 'dossiers.process',
  leader: 'dossiers.approve',
  clerk: 'dossiers.issue',
} as const satisfies Record<ActingRole, string>;

/** Actions bound to a step (listed in a step's `actions`); the others are global (see authority.ts). */
export const STEP_ACTIONS = [
  'receive',
  'refuse_reception',
  'request_supplement',
  'accept_supplement',
  'request_payment',
  'forward',
  'return_to_step',
  'appraise',
  'request_consultation',
  'reply_consultation',
  'approve',
  'refuse',
  'sign',
  'issue_result',
  'return_result',
] as const satisfies readonly Action[];
export type StepAction = (typeof STEP_ACTIONS)[number];

/** Which step actions each role may be given (a definition that gives `approve` to a clerk is refused). */
export const ROLE_ACTIONS = {
  receiving_officer: ['receive', 'refuse_reception', 'request_supplement', 'accept_supplement', 'request_payment', 'forward', 'return_result'],
  specialist: ['appraise', 'forward', 'return_to_step', 'request_supplement', 'accept_supplement', 'request_consultation', 'reply_consultation', 'request_payment'],
  leader: ['appraise', 'approve', 'refuse', 'sign', 'forward', 'return_to_step', 'request_consultation', 'reply_consultation'],
  clerk: ['issue_result', 'forward', 'return_result'],
} as const satisfies Record<ActingRole, readonly StepAction[]>;

export function isStepAction(a: Action): a is StepAction {
  return (STEP_ACTIONS as readonly string[]).includes(a);
}

const TimeLimitSchema = z.object({
  amount: z.number().positive().max(1000),
  unit: z.enum(TIME_UNITS),
});

export const StepSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'chỉ gồm chữ thường không dấu, số và dấu gạch dưới'),
  name: z.string().trim().min(1).max(200),
  /** Tier of the unit that acts; omitted for reception and return, which happen wherever the applicant chose. */
  tier: z.enum(['commune', 'province']).optional(),
  unit: z.enum(STEP_UNITS),
  role: z.enum(ACTING_ROLES),
  /** Time budget in working hours, half-hour precision; 0 = not counted (e.g. returning the result). */
  hours: z.number().min(0).max(8000).multipleOf(0.5),
  actions: z.array(z.enum(STEP_ACTIONS)).min(1),
});
export type Step = z.infer<typeof StepSchema>;

/** How a dossier is submitted, as the catalogue gives processing times: online, in person, by post. */
export const CHANNEL_KINDS = ['online', 'in_person', 'post'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export function channelKind(channel: Channel): ChannelKind {
  return CHANNEL_INFO[channel].online ? 'online' : channel === 'post' ? 'post' : 'in_person';
}

export const ProcessBodySchema = z
  .object({
    level: z.enum(['commune', 'province']),
    /** The time limit (the step budgets below add up within it). */
    limit: TimeLimitSchema,
    /** Time limits that differ by how the dossier is submitted (the catalogue gives one per channel). */
    limits: z.object({ online: TimeLimitSchema.optional(), in_person: TimeLimitSchema.optional(), post: TimeLimitSchema.optional() }).optional(),
    steps: z.array(StepSchema).min(3).max(30),
    note: z.string().max(1000).optional(),
  })
  .superRefine((def, ctx) => {
    for (const problem of processProblems(def)) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
  });
export type ProcessBody = z.infer<typeof ProcessBodySchema>;

export interface ProcessDefinition extends ProcessBody {
  procedureCode: string;
  version: number;
  /** 'default' when derived from the catalogue, 'custom' when a province administrator wrote it. */
  source: 'default' | 'custom';
}

/** The time limit of a dossier submitted through `channel` (its own limit when the definition has one, else `limit`). */
export function timeLimitFor(def: Pick<ProcessBody, 'limit' | 'limits'>, channel: Channel): TimeLimit {
  return def.limits?.[channelKind(channel)] ?? def.limit;
}

/**
 * A step's budget for a dossier whose time limit differs from the definition's `limit`: the same share of
 * the dossier's limit (half-hour precision, at least half an hour when the step is counted).
 */
export function stepHoursFor(hours: number, defLimit: TimeLimit, dossierLimit: TimeLimit): number {
  if (hours <= 0) return 0;
  const base = limitHours(defLimit);
  const own = limitHours(dossierLimit);
  if (base <= 0 || own === base) return hours;
  return Math.max(0.5, Math.round(((hours * own) / base) * 2) / 2);
}

/** Hours in a time limit, for budgeting steps (calendar days and months approximated by working days). */
export function limitHours(limit: TimeLimit): number {
  switch (limit.unit) {
    case 'working_days':
      return limit.amount * 8;
    case 'hours':
      return limit.amount;
    case 'days':
      return Math.max(1, Math.floor((limit.amount * 5) / 7)) * 8;
    case 'months':
      return limit.amount * 22 * 8;
  }
}

/** The consistency checks of a definition, beyond its shape (each with a Vietnamese message). */
export function processProblems(def: Pick<ProcessBody, 'level' | 'limit' | 'steps'>): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  const steps = def.steps;
  const keys = new Set<string>();
  steps.forEach((s, i) => {
    if (keys.has(s.key)) out.push({ path: ['steps', i, 'key'], message: `Mã bước "${s.key}" bị trùng.` });
    keys.add(s.key);
    const allowed = ROLE_ACTIONS[s.role] as readonly string[];
    s.actions.forEach((a, j) => {
      if (!allowed.includes(a)) out.push({ path: ['steps', i, 'actions', j], message: `Vai trò ${ROLE_LABELS[s.role]} không được giao thao tác "${a}".` });
    });
    if (s.unit === 'deciding' && s.tier && s.tier !== def.level)
      out.push({ path: ['steps', i, 'tier'], message: `Bước do cơ quan giải quyết thực hiện phải thuộc cấp ${def.level === 'commune' ? 'xã' : 'tỉnh'}.` });
  });
  const first = steps[0];
  if (first && (first.unit !== 'receiving' || !first.actions.includes('receive') || !first.actions.includes('forward')))
    out.push({ path: ['steps', 0], message: 'Bước đầu tiên phải là tiếp nhận tại nơi tiếp nhận (có thao tác receive và forward).' });
  const last = steps[steps.length - 1];
  if (last && !last.actions.includes('return_result')) out.push({ path: ['steps', steps.length - 1], message: 'Bước cuối cùng phải là trả kết quả (return_result).' });
  const idx = (a: StepAction) => steps.findIndex((s) => s.actions.includes(a));
  if (idx('approve') < 0 || idx('refuse') < 0) out.push({ path: ['steps'], message: 'Phải có một bước phê duyệt (approve, refuse).' });
  if (idx('sign') < 0) out.push({ path: ['steps'], message: 'Phải có một bước ký kết quả (sign).' });
  if (idx('issue_result') < 0) out.push({ path: ['steps'], message: 'Phải có một bước ban hành kết quả (issue_result).' });
  if (idx('approve') >= 0 && idx('issue_result') >= 0 && idx('issue_result') < idx('approve'))
    out.push({ path: ['steps'], message: 'Bước ban hành kết quả phải đứng sau bước phê duyệt.' });
  for (const a of ['appraise', 'approve', 'refuse', 'sign'] as const) {
    const i = idx(a);
    if (i >= 0 && steps[i]!.unit !== 'deciding') out.push({ path: ['steps', i, 'unit'], message: `Thao tác ${a} phải do cơ quan có thẩm quyền giải quyết thực hiện.` });
  }
  const budget = steps.reduce((s, st) => s + st.hours, 0);
  const total = limitHours(def.limit);
  if (budget > total) out.push({ path: ['steps'], message: `Tổng thời gian các bước (${budget} giờ làm việc) vượt thời hạn giải quyết (${total} giờ làm việc).` });
  return out;
}

/**
 * Splits a time limit (in working hours) into step budgets, following the shape of the example in
 * REGULATIONS §2.6 (receive 4 h, appraise the most, approve a share, issue 8 h; return not counted).
 */
export function splitBudget(totalHours: number): { receive: number; appraise: number; approve: number; issue: number } {
  const half = (h: number) => Math.max(0.5, Math.floor(h * 2) / 2);
  if (totalHours >= 40) {
    const approve = Math.min(40, Math.max(8, Math.round((totalHours * 0.15) / 4) * 4));
    return { receive: 4, approve, issue: 8, appraise: totalHours - 4 - approve - 8 };
  }
  if (totalHours >= 8) {
    const approve = half(totalHours * 0.15);
    return { receive: 1, approve, issue: 1, appraise: totalHours - 2 - approve };
  }
  if (totalHours >= 2) return { receive: 0.5, approve: 0.5, issue: 0.5, appraise: half(totalHours - 1.5) };
  return { receive: 0, approve: 0, issue: 0, appraise: half(totalHours) };
}

/**
 * The default process of a procedure, derived from the catalogue. A commune procedure is received,
 * processed and approved at the commune; a province procedure may be received at any service center of
 * the province (regardless of boundary), is forwarded to the department that decides (from the
 * offering), and its result comes back to where the applicant chose to receive it.
 */
export function defaultProcess(
  procedureCode: string,
  level: 'commune' | 'province',
  limit: TimeLimit,
  limits?: Partial<Record<ChannelKind, TimeLimit>>,
): ProcessDefinition {
  const b = splitBudget(limitHours(limit));
  const tier = level;
  const steps: Step[] = [
    {
      key: 'receive',
      name: 'Tiếp nhận, kiểm tra và số hóa hồ sơ',
      unit: 'receiving',
      role: 'receiving_officer',
      hours: b.receive,
      actions: ['receive', 'refuse_reception', 'request_supplement', 'request_payment', 'forward'],
    },
    {
      key: 'appraise',
      name: level === 'commune' ? 'Công chức chuyên môn thẩm định, dự thảo kết quả' : 'Chuyên viên phòng chuyên môn thẩm định, dự thảo kết quả',
      tier,
      unit: 'deciding',
      role: 'specialist',
      hours: b.appraise,
      actions: ['appraise', 'forward', 'return_to_step', 'request_supplement', 'accept_supplement', 'request_consultation', 'reply_consultation', 'request_payment'],
    },
    {
      key: 'approve',
      name: level === 'commune' ? 'Lãnh đạo UBND xã phê duyệt, ký' : 'Lãnh đạo sở phê duyệt, ký',
      tier,
      unit: 'deciding',
      role: 'leader',
      hours: b.approve,
      actions: ['approve', 'refuse', 'sign', 'return_to_step', 'forward'],
    },
    {
      key: 'issue',
      name: 'Văn thư vào sổ, phát hành kết quả',
      tier,
      unit: 'deciding',
      role: 'clerk',
      hours: b.issue,
      actions: ['issue_result', 'forward'],
    },
    {
      key: 'return',
      name: 'Trả kết quả cho người nộp',
      unit: 'returning',
      role: 'receiving_officer',
      hours: 0,
      actions: ['return_result'],
    },
  ];
  return { procedureCode, version: 1, source: 'default', level, limit, ...(limits && Object.keys(limits).length ? { limits } : {}), steps };
}

/** Index of a step by key, or -1. */
export function stepIndex(def: Pick<ProcessDefinition, 'steps'>, key: string): number {
  return def.steps.findIndex((s) => s.key === key);
}
