/**
 * The QR posters of the procedures the official's unit receives, as one A4 PDF to print and pin up in the
 * service center (GET /api/v1/assistant/posters, permission assistant.posters.print; shown to receiving
 * officers and leaders, whose unit is a service center). Each poster's QR code
 * points at the stable procedure page, so a change of content never needs a reprint.
 */
import { vo } from '../i18n/assistant-office.ts';
import { withQuery } from '../lib/api.ts';
import { useSession } from '../lib/session.tsx';

export function PostersLink() {
  const { me } = useSession();
  if (!me?.unitCode || !me.grants.some((g) => ['receiving_officer', 'leader'].includes(g.role))) return null;
  return (
    <p>
      <a href={withQuery('/api/v1/assistant/posters', { unit: me.unitCode, limit: 50 })} download>
        {vo.posters}
      </a>
    </p>
  );
}
