import type { ReactNode } from 'react';
import { useLocation } from 'react-router';
import { vi } from '../i18n/vi.ts';
import { Loading, PageHeading } from '../components/ui.tsx';
import { useSession } from '../lib/session.tsx';
import { citizenSignInUrl } from './SignIn.tsx';

/** Shows its children to a signed-in citizen; anyone else is asked to sign in and brought back here. */
export function RequireCitizen({ children, title }: { children: ReactNode; title: string }) {
  const { me, loading } = useSession();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!me || me.kind !== 'citizen') {
    return (
      <>
        <PageHeading title={title}>{title}</PageHeading>
        <p className="inset">{vi.signIn.needSignIn}</p>
        <p>{vi.signIn.citizenLead}</p>
        <a className="button start" href={citizenSignInUrl(location.pathname + location.search)}>
          {vi.signIn.citizenButton}
        </a>
      </>
    );
  }
  return <>{children}</>;
}
