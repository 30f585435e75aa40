/**
 * The officials' back office (/can-bo/*), loaded as its own chunk: nothing of it is downloaded by a
 * citizen opening the portal.
 */
import { lazy, Suspense } from 'react';
import { Link, Navigate, NavLink, Outlet, Route, Routes, useLocation, useNavigate } from 'react-router';
import { vi, label } from '../i18n/vi.ts';
import { viFeedback, viTasks } from '../i18n/vi-work.ts';
import { vo } from '../i18n/assistant-office.ts';
import { DemoBanner, SkipLink } from '../components/Layout.tsx';
import { Loading, NotFound } from '../components/ui.tsx';
import { hasRole, returnQuery, useSession } from '../lib/session.tsx';
import { OfficeSignIn } from './SignIn.tsx';
import { InboxPage } from './Inbox.tsx';
import { MyWorkPage } from './MyWork.tsx';

const DossierPage = lazy(() => import('./DossierPage.tsx'));
const CounterPage = lazy(() => import('./Counter.tsx'));
const TeamPage = lazy(() => import('./Team.tsx'));
const TasksModule = () => import('./Tasks.tsx');
const MyTasksPage = lazy(() => TasksModule().then((m) => ({ default: () => <m.TasksPage view="mine" /> })));
const AssignedTasksPage = lazy(() => TasksModule().then((m) => ({ default: () => <m.TasksPage view="assigned" /> })));
const UnitTasksPage = lazy(() => TasksModule().then((m) => ({ default: () => <m.TasksPage view="unit" /> })));
const TaskImportPage = lazy(() => TasksModule().then((m) => ({ default: m.TaskImportPage })));
const TaskPage = lazy(() => import('./TaskPage.tsx'));
const CaseTeamPage = lazy(() => import('./CaseTeam.tsx'));
const FeedbackListPage = lazy(() => import('./Feedback.tsx').then((m) => ({ default: m.FeedbackListPage })));
const FeedbackOfficePage = lazy(() => import('./Feedback.tsx'));
const FeedbackRulesPage = lazy(() => import('./FeedbackRules.tsx'));
const IntegrationPage = lazy(() => import('./Integration.tsx'));
const EventsPage = lazy(() => import('./Events.tsx'));
// the dashboard carries the chart library: its own chunk, loaded only when a leader opens it
const DashboardPage = lazy(() => import('./Dashboard.tsx'));
const DataStewardPage = lazy(() => import('./DataSteward.tsx'));
const AssistantModule = () => import('./Assistant.tsx');
const AssistantQuestionsPage = lazy(() => AssistantModule().then((m) => ({ default: m.QuestionsPage })));
const AssistantFaqPage = lazy(() => AssistantModule().then((m) => ({ default: m.FaqPage })));
const AssistantVocabularyPage = lazy(() => AssistantModule().then((m) => ({ default: m.VocabularyPage })));

function OfficeLayout() {
  const { me, signOut } = useSession();
  const navigate = useNavigate();
  const roles = me ? [...new Set(me.grants.map((r) => label(vi.office.roles, r.role)))] : [];
  return (
    <>
      <SkipLink />
      <header className="header office" role="banner">
        <div className="header-inner">
          <Link to="/can-bo" className="brand">
            {vi.app.name} <span>· {vi.app.office}</span>
          </Link>
          {me && (
            <nav className="nav" aria-label={vi.nav.label}>
              <ul>
                <li>
                  <NavLink to="/can-bo" end>
                    {vi.office.inbox}
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/can-bo/viec-cua-toi">{vi.office.mine.title}</NavLink>
                </li>
                <li>
                  <NavLink to="/can-bo/nhiem-vu">{viTasks.mine}</NavLink>
                </li>
                <li>
                  <NavLink to="/can-bo/phan-anh">{viFeedback.officeList}</NavLink>
                </li>
                {hasRole(me, 'receiving_officer') && (
                  <li>
                    <NavLink to="/can-bo/tiep-nhan">{vi.office.counter}</NavLink>
                  </li>
                )}
                {hasRole(me, 'leader') && (
                  <li>
                    <NavLink to="/can-bo/phan-cong">{vi.office.team}</NavLink>
                  </li>
                )}
                {hasRole(me, 'leader', 'province_admin') && (
                  <li>
                    <NavLink to="/can-bo/dieu-hanh">Điều hành</NavLink>
                  </li>
                )}
                {hasRole(me, 'province_admin') && (
                  <li>
                    <NavLink to="/can-bo/ket-noi">Hệ thống kết nối</NavLink>
                  </li>
                )}
                {hasRole(me, 'province_admin') && (
                  <li>
                    <NavLink to="/can-bo/phan-anh/quy-tac">Quy tắc chuyển phản ánh</NavLink>
                  </li>
                )}
                {(hasRole(me, 'province_admin') || hasRole(me, 'security_officer')) && (
                  <li>
                    <NavLink to="/can-bo/su-kien">Sự kiện</NavLink>
                  </li>
                )}
                {hasRole(me, 'data_steward') && (
                  <li>
                    <NavLink to="/can-bo/du-lieu">Dữ liệu chủ</NavLink>
                  </li>
                )}
                {hasRole(me, 'province_admin', 'data_steward', 'leader') && (
                  <li>
                    <NavLink to="/can-bo/tro-ly">{vo.nav}</NavLink>
                  </li>
                )}
                <li>
                  <button
                    type="button"
                    className="linklike"
                    onClick={async () => {
                      await signOut();
                      navigate('/can-bo/dang-nhap?da-dang-xuat=1');
                    }}
                  >
                    {vi.nav.signOut}
                  </button>
                </li>
              </ul>
            </nav>
          )}
          {me && (
            <span className="user">
              {me.displayName}
              {me.unitName || me.unitCode ? ` · ${me.unitName ?? me.unitCode}` : ''}
              {roles.length ? ` · ${roles.join(', ')}` : ''}
            </span>
          )}
        </div>
      </header>
      <DemoBanner />
      <main id="main-content" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="footer" role="contentinfo">
        <div>
          <p>
            {vi.app.footer} <Link to="/">{vi.nav.home}</Link>
          </p>
        </div>
      </footer>
    </>
  );
}

/** Only signed-in officials get past; others are sent to the sign-in page and brought back. */
function RequireOfficial() {
  const { me, loading } = useSession();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!me || me.kind !== 'official') return <Navigate to={`/can-bo/dang-nhap?${returnQuery(location.pathname + location.search)}`} replace />;
  return <Outlet />;
}

export default function OfficeApp() {
  return (
    <Routes>
      <Route element={<OfficeLayout />}>
        <Route path="dang-nhap" element={<OfficeSignIn />} />
        <Route element={<RequireOfficial />}>
          <Route index element={<InboxPage />} />
          <Route path="ho-so/:code" element={<DossierPage />} />
          <Route path="tiep-nhan" element={<CounterPage />} />
          <Route path="viec-cua-toi" element={<MyWorkPage />} />
          <Route path="phan-cong" element={<TeamPage />} />
          <Route path="nhiem-vu" element={<MyTasksPage />} />
          <Route path="nhiem-vu/da-giao" element={<AssignedTasksPage />} />
          <Route path="nhiem-vu/don-vi" element={<UnitTasksPage />} />
          <Route path="nhiem-vu/nhap" element={<TaskImportPage />} />
          <Route path="nhiem-vu/:id" element={<TaskPage />} />
          <Route path="to-cong-tac/:id" element={<CaseTeamPage />} />
          <Route path="phan-anh" element={<FeedbackListPage />} />
          <Route path="phan-anh/quy-tac" element={<FeedbackRulesPage />} />
          <Route path="phan-anh/:code" element={<FeedbackOfficePage />} />
          <Route path="ket-noi" element={<IntegrationPage />} />
          <Route path="su-kien" element={<EventsPage />} />
          <Route path="dieu-hanh" element={<DashboardPage />} />
          <Route path="du-lieu" element={<DataStewardPage />} />
          <Route path="tro-ly" element={<AssistantQuestionsPage />} />
          <Route path="tro-ly/hoi-dap" element={<AssistantFaqPage />} />
          <Route path="tro-ly/tu-ngu" element={<AssistantVocabularyPage />} />
        </Route>
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
