import * as store from '../store.ts';
import type { IdentityService } from '../service.ts';
import type { ServiceContext } from './context.ts';

/**
 * The security officer's sign-in log: newest first by the attempt's numeric id, paged by a cursor (the id of
 * the last item seen), so pages never overlap or skip while new attempts arrive.
 */
export function signInLogService(sc: ServiceContext): Pick<IdentityService, 'signInAttempts'> {
  return {
    async signInAttempts(filter) {
      const rows = await store.listAttempts(sc.db, { ...filter, limit: filter.limit + 1 });
      const items = rows.slice(0, filter.limit);
      return { items, nextCursor: rows.length > filter.limit ? items[items.length - 1]!.id : null };
    },
  };
}
