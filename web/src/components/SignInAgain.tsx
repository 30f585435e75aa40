import { useLocation } from 'react-router';
import { vi } from '../i18n/vi.ts';
import { citizenSignInUrl } from '../citizen/SignIn.tsx';
import { returnQuery } from '../lib/session.tsx';

/**
 * Said where a page lost its session (401): a link to sign in again that brings the person back to this
 * page. What they typed into a form is kept as a draft on the server (ADR 0061).
 */
export function SignInAgain() {
  const location = useLocation();
  const here = location.pathname + location.search;
  const office = location.pathname.startsWith('/can-bo');
  return (
    <p>
      {office ? (
        <a className="button" href={`/can-bo/dang-nhap?${returnQuery(here)}`}>
          {vi.submission.signInAgain}
        </a>
      ) : (
        <a className="button" href={citizenSignInUrl(here)}>
          {vi.submission.signInAgain}
        </a>
      )}
    </p>
  );
}
