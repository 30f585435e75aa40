import { problems } from '../../../platform/errors.ts';
import { confirmNationalSync, type NationalSyncAck } from '../domain/national-sync.ts';
import * as store from '../store.ts';
import { versionConflict, type Caller, type DossiersCore } from './core.ts';

/**
 * The national portal's confirmation of a dossier (issue 11, ADR 0135): the integration module calls it when
 * DVCQG acknowledged a status sent after the dossier's receipt. The dossiers module alone writes its table:
 * load → decide (domain/national-sync.ts) → save the version, its audit record and its event in one
 * transaction. Idempotent: a second confirmation changes nothing.
 */
export function createNationalSync(core: DossiersCore) {
  const { db, actorOf, writeSideEffects } = core;
  return {
    async confirmNationalSync(code: string, ack: NationalSyncAck, caller: Caller): Promise<{ changed: boolean; version: number }> {
      if (caller.principal?.kind !== 'system') throw problems.forbidden('Chỉ hệ thống kết nối Cổng Dịch vụ công quốc gia xác nhận đồng bộ hồ sơ.');
      const actor = actorOf(caller);
      return db.transaction(async (tx) => {
        const stored = await store.loadDossier(tx, code);
        if (!stored) throw problems.notFound(`hồ sơ ${code}`, 'dossier-not-found');
        const d = stored.dossier;
        const decision = confirmNationalSync(d, ack);
        if (!decision) return { changed: false, version: d.version };
        const at = core.now();
        if (!(await store.saveTransition(tx, decision.next, d.version, decision.record, actor, at))) throw versionConflict();
        await writeSideEffects(tx, decision.next, decision.record, [], actor, caller, { status: d.status, step: d.step, version: d.version });
        return { changed: true, version: decision.next.version };
      });
    },
  };
}
