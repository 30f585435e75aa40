import { Link, useSearchParams } from 'react-router';
import { vi } from '../i18n/vi.ts';
import { Breadcrumbs, PageHeading } from '../components/ui.tsx';
import { DemoPanel } from '../components/DemoPanel.tsx';
import { lastSignedIn, useSession } from '../lib/session.tsx';
import { withQuery } from '../lib/api.ts';

/** Only same-site paths are followed after sign-in (no open redirect). */
export function safeNext(next: string | null | undefined, fallback = '/ho-so'): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : fallback;
}

/**
 * The URL that starts the citizen's OpenID Connect sign-in (a full page navigation); the platform brings
 * the citizen back to `next` (checked again on the server), unless someone other than `who` signs in.
 */
export function citizenSignInUrl(next: string, who: string | null = lastSignedIn()): string {
  return withQuery('/api/v1/auth/citizen/login', { return_to: next, who });
}

export function SignInPage() {
  const [params] = useSearchParams();
  const { me } = useSession();
  const next = safeNext(params.get('next'));
  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: vi.nav.home }, { label: vi.signIn.title }]} />
      <PageHeading title={vi.signIn.title}>{vi.signIn.title}</PageHeading>
      {params.get('da-dang-xuat') && (
        <div className="notice success" role="status">
          <p style={{ margin: 0 }}>{vi.signIn.signedOut}</p>
        </div>
      )}
      {params.get('next') && !me && <p className="inset">{vi.signIn.needSignIn}</p>}
      <div className="grid grid-half">
        <section aria-labelledby="citizen-title" className="card">
          <h2 id="citizen-title" style={{ marginTop: 0 }}>
            {vi.signIn.citizenTitle}
          </h2>
          <p>{vi.signIn.citizenLead}</p>
          <a className="button start" href={citizenSignInUrl(next, params.get('who'))}>
            {vi.signIn.citizenButton}
          </a>
        </section>
        <section aria-labelledby="official-title" className="card">
          <h2 id="official-title" style={{ marginTop: 0 }}>
            {vi.signIn.officialTitle}
          </h2>
          <p>{vi.signIn.officialLead}</p>
          <p>
            <Link to={params.get('next')?.startsWith('/can-bo') ? `/can-bo/dang-nhap?${params.toString()}` : '/can-bo/dang-nhap'}>{vi.signIn.officialLink}</Link>
          </p>
        </section>
      </div>
      <DemoPanel who="citizens" />
    </>
  );
}
