import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { vi } from '../i18n/vi.ts';
import { useSession } from '../lib/session.tsx';
import { useSite } from '../lib/site.ts';
import { ChatWidget } from './ChatWidget.tsx';

export function SkipLink() {
  return (
    <a
      href="#main-content"
      className="skip-link"
      onClick={(e) => {
        const main = document.getElementById('main-content');
        if (main) {
          e.preventDefault();
          main.focus();
          main.scrollIntoView();
        }
      }}
    >
      {vi.app.skipLink}
    </a>
  );
}

export function DemoBanner() {
  const site = useSite();
  if (!site.demo) return null;
  return (
    <div className="phase">
      <p>
        <strong className="tag-demo">DEMO</strong>
        {vi.app.demoBanner}
      </p>
    </div>
  );
}

/** The citizen portal's frame: header with the main navigation, the page, a footer. */
export function CitizenLayout() {
  const { me, signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const signedInCitizen = me && me.kind === 'citizen';
  return (
    <>
      <SkipLink />
      <header className="header" role="banner">
        <div className="header-inner">
          <Link to="/" className="brand">
            {vi.app.name} <span>· {vi.app.portal}</span>
          </Link>
          <nav className="nav" aria-label={vi.nav.label}>
            <ul>
              <li>
                <NavLink to="/thu-tuc" aria-current={location.pathname.startsWith('/thu-tuc') ? 'page' : undefined}>
                  {vi.nav.search}
                </NavLink>
              </li>
              <li>
                <NavLink to="/tra-cuu">{vi.nav.track}</NavLink>
              </li>
              <li>
                <NavLink to="/phan-anh">Phản ánh, kiến nghị</NavLink>
              </li>
              {signedInCitizen && (
                <li>
                  <NavLink to="/ho-so">{vi.nav.myDossiers}</NavLink>
                </li>
              )}
              {signedInCitizen && (
                <li>
                  <NavLink to="/thong-bao">{vi.inbox.nav}</NavLink>
                </li>
              )}
              {me ? (
                <li>
                  <button
                    type="button"
                    className="linklike"
                    onClick={async () => {
                      await signOut();
                      navigate('/dang-nhap?da-dang-xuat=1');
                    }}
                  >
                    {vi.nav.signOut}
                  </button>
                </li>
              ) : (
                <li>
                  <NavLink to="/dang-nhap">{vi.nav.signIn}</NavLink>
                </li>
              )}
            </ul>
          </nav>
          {me && <span className="user">{vi.nav.signedInAs(me.displayName)}</span>}
        </div>
      </header>
      <DemoBanner />
      <main id="main-content" tabIndex={-1}>
        <Outlet />
      </main>
      <ChatWidget />
      <footer className="footer" role="contentinfo">
        <div>
          <p>{vi.app.footerHelp}</p>
          <p>
            {vi.app.footer} <Link to="/can-bo">{vi.nav.officeSignIn}</Link>
          </p>
        </div>
      </footer>
    </>
  );
}
