import { useApi } from './api.ts';
import type { SiteConfig } from '../api/types.ts';

const FALLBACK: SiteConfig = { province: { code: '25', name: 'Tỉnh Phú Thọ' }, demo: true, citizen_sign_in: true, upload_max_bytes: 10 * 1024 * 1024 };

/** The deployment's province and switches, from GET /api/v1/web/config (cached for the session). */
export function useSite(): SiteConfig {
  const { data } = useApi('/api/v1/web/config', {}, { staleMs: 3_600_000 });
  return data ?? FALLBACK;
}
