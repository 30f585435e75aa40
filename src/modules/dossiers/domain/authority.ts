import type { Dossier } from './model.ts';
import { ROLE_PERMISSION, isStepAction, type ProcessDefinition } from './process.ts';
import type { Action } from './states.ts';

/**
 * Who may perform an action on a dossier: the applicant (a signed-in citizen who owns it), or an official
 * holding a permission in one of the listed units, for the dossier's field. Step-bound actions belong to
 * the role of the current step, at the unit of that step; the others have fixed owners.
 */
export type Authority = { kind: 'applicant' } | { kind: 'official'; permission: string; units: string[] };

export function unitOfStep(d: Pick<Dossier, 'receivingUnit' | 'decidingUnit' | 'returningUnit'>, unit: 'receiving' | 'deciding' | 'returning'): string {
  return unit === 'receiving' ? d.receivingUnit : unit === 'deciding' ? d.decidingUnit : d.returningUnit;
}

export function authoritiesFor(d: Dossier, action: Action, def: ProcessDefinition): Authority[] {
  const official = (permission: string, ...units: string[]): Authority => ({ kind: 'official', permission, units: [...new Set(units)] });
  if (isStepAction(action)) {
    const step = def.steps[d.step];
    if (!step) return [];
    const out: Authority[] = [official(ROLE_PERMISSION[step.role], unitOfStep(d, step.unit))];
    if (action === 'reply_consultation') {
      const open = d.consultations.filter((c) => !c.repliedAt).map((c) => c.unitCode);
      if (open.length) out.push(official('dossiers.process', ...open));
    }
    return out;
  }
  switch (action) {
    case 'submit':
      return [{ kind: 'applicant' }];
    case 'supplement':
    case 'withdraw':
      return [{ kind: 'applicant' }, official('dossiers.receive', d.receivingUnit, d.currentUnit)];
    case 'rate':
      return [{ kind: 'applicant' }, official('dossiers.receive', d.returningUnit, d.receivingUnit)];
    case 'record_payment':
      return [official('dossiers.receive', d.receivingUnit, d.returningUnit)];
    case 'assign':
      return [official('dossiers.approve', d.currentUnit), official('dossiers.process', d.currentUnit)];
    case 'apologize':
    case 'stop':
      return [official('dossiers.approve', d.decidingUnit)];
  }
  return [];
}
