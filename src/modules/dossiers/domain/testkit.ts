/** Fixtures shared by the pure domain tests (no I/O). */
import { referenceCalendar } from '../../calendar/testing.ts';
import { newDossier, type NewDossierInput } from './create.ts';
import { decide } from './decide.ts';
import { ACTION_INPUT } from './commands.ts';
import type { Actor, Dossier } from './model.ts';
import { defaultProcess, type ProcessDefinition } from './process.ts';
import type { Action } from './states.ts';

/** A moment in Vietnam time: vn('2025-11-24 09:00'). */
export function vn(s: string): Date {
  return new Date(s.replace(' ', 'T') + ':00+07:00');
}

/** The reference calendar of the calendar module (the shipped holiday schedules, default settings). */
export const cal = referenceCalendar();

export const officer: Actor = { kind: 'official', id: 'u-officer', name: 'Nguyễn Văn Tiếp', unitCode: '04792' };
export const specialist: Actor = { kind: 'official', id: 'u-specialist', name: 'Trần Thị Thẩm', unitCode: '04792' };
export const leader: Actor = { kind: 'official', id: 'u-leader', name: 'Lê Văn Duyệt', unitCode: '04792' };
export const clerk: Actor = { kind: 'official', id: 'u-clerk', name: 'Phạm Thị Văn', unitCode: '04792' };
export const citizen: Actor = { kind: 'citizen', id: 'c-1', name: 'Hoàng Văn Dân' };

export const communeProcess = defaultProcess('1.001193', 'commune', { amount: 3, unit: 'working_days' });
export const provinceProcess = defaultProcess('1.012753', 'province', { amount: 20, unit: 'working_days' });

export function makeDossier(over: Partial<NewDossierInput> = {}, def: ProcessDefinition = communeProcess): Dossier {
  return newDossier(
    {
      code: 'H25.61.01-251124-0001',
      draft: false,
      procedureCode: def.procedureCode,
      procedureName: 'Đăng ký khai sinh',
      field: 'Hộ tịch',
      provinceCode: '25',
      channel: 'counter',
      source: null,
      receivingUnit: '04792',
      decidingUnit: '04792',
      returningUnit: '04792',
      returnMethod: 'counter',
      applicant: { fullName: 'Hoàng Văn Dân', idNumber: '025090000001' },
      applicantSubject: '025090000001',
      applicantVerified: true,
      request: null,
      documents: [],
      feeAmount: 0,
      at: vn('2025-11-24 09:00'),
      ...over,
    },
    def,
    cal,
  ).dossier;
}

/** Applies an action with raw input (parsed by its zod schema, like the service does). */
export function act(d: Dossier, action: Action, input: Record<string, unknown>, actor: Actor, at: Date, def: ProcessDefinition = communeProcess) {
  const parsed = ACTION_INPUT[action].parse(input);
  return decide(d, action, parsed as never, { def, cal, actor, at });
}

/** Runs a list of [action, input, actor, at] and returns the last dossier. */
export function run(d: Dossier, steps: [Action, Record<string, unknown>, Actor, string][], def: ProcessDefinition = communeProcess): Dossier {
  let cur = d;
  for (const [a, i, who, at] of steps) cur = act(cur, a, i, who, vn(at), def).next;
  return cur;
}
