/**
 * The route tree of both front ends. The citizen "find" pages (home, search, procedure, tracking,
 * sign-in) are in the first bundle; the signed-in citizen pages and the whole back office are split
 * into chunks loaded on demand, so the home page stays light on a weak connection.
 */
import { lazy, Suspense, useEffect } from 'react';
import { Route, Routes } from 'react-router';
import { CitizenLayout } from './components/Layout.tsx';
import { Loading, NotFound } from './components/ui.tsx';
import { SessionProvider } from './lib/session.tsx';
import { Home } from './citizen/Home.tsx';
import { SearchPage } from './citizen/Search.tsx';
import { ProcedurePage } from './citizen/Procedure.tsx';
import { TrackPage } from './citizen/Track.tsx';
import { SignInPage } from './citizen/SignIn.tsx';

const ApplyPage = lazy(() => import('./citizen/Apply.tsx'));
const MyDossiersPage = lazy(() => import('./citizen/MyDossiers.tsx'));
const MyDossierPage = lazy(() => import('./citizen/MyDossier.tsx'));
const PayPage = lazy(() => import('./citizen/Pay.tsx'));
const ConvertAddressPage = lazy(() => import('./citizen/ConvertAddress.tsx'));
const InboxPage = lazy(() => import('./citizen/Inbox.tsx'));
const OfficeApp = lazy(() => import('./office/OfficeApp.tsx'));
const KioskPage = lazy(() => import('./kiosk/Kiosk.tsx'));
const CounterScreen = lazy(() => import('./kiosk/CounterScreen.tsx'));
const CallCenterPage = lazy(() => import('./kiosk/CallCenter.tsx'));
const SendFeedbackPage = lazy(() => import('./citizen/Feedback.tsx').then((m) => ({ default: m.SendFeedbackPage })));
const FeedbackTrackPage = lazy(() => import('./citizen/Feedback.tsx').then((m) => ({ default: m.FeedbackTrackPage })));
const PublicFeedbackPage = lazy(() => import('./citizen/Feedback.tsx').then((m) => ({ default: m.PublicFeedbackPage })));

function Lazy({ children }: { children: React.ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

/** Path rendered into app.html at build time: the citizen frame with an empty page. */
export const SHELL_PATH = '/__shell';

export function App() {
  useEffect(() => {
    // Marks the moment the page became interactive (read by bench/web.ts and the browser tests).
    performance.mark('lt-ready');
    document.documentElement.dataset.ready = '1';
  }, []);
  return (
    <SessionProvider>
      <Routes>
        <Route element={<CitizenLayout />}>
          <Route index element={<Home />} />
          <Route path="thu-tuc" element={<SearchPage />} />
          <Route path="thu-tuc/:code" element={<ProcedurePage />} />
          <Route path="thu-tuc/:code/nop" element={<Lazy><ApplyPage /></Lazy>} />
          <Route path="tra-cuu" element={<TrackPage />} />
          <Route path="tra-cuu/:code" element={<TrackPage />} />
          <Route path="dang-nhap" element={<SignInPage />} />
          <Route path="doi-dia-chi" element={<Lazy><ConvertAddressPage /></Lazy>} />
          <Route path="thong-bao" element={<Lazy><InboxPage /></Lazy>} />
          <Route path="ho-so" element={<Lazy><MyDossiersPage /></Lazy>} />
          <Route path="ho-so/:code" element={<Lazy><MyDossierPage /></Lazy>} />
          <Route path="ho-so/:code/thanh-toan" element={<Lazy><PayPage /></Lazy>} />
          <Route path="phan-anh" element={<Lazy><PublicFeedbackPage /></Lazy>} />
          <Route path="phan-anh/gui" element={<Lazy><SendFeedbackPage /></Lazy>} />
          <Route path="phan-anh/:code" element={<Lazy><FeedbackTrackPage /></Lazy>} />
          <Route path={SHELL_PATH.slice(1)} element={<Loading />} />
          <Route path="*" element={<NotFound />} />
        </Route>
        <Route path="can-bo/*" element={<Suspense fallback={<Loading />}><OfficeApp /></Suspense>} />
        <Route path="kiosk" element={<Lazy><KioskPage /></Lazy>} />
        <Route path="kiosk/quay" element={<Lazy><CounterScreen /></Lazy>} />
        <Route path="tong-dai" element={<Lazy><CallCenterPage /></Lazy>} />
      </Routes>
    </SessionProvider>
  );
}
