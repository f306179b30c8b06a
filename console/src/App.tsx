import { ErrorBoundary, LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { useEffect } from 'preact/hooks';
import { StatusBanner } from './components/StatusBanner';
import { loadConsoleConfig } from './lib/config';
import { words } from './lib/format';
import { useResource } from './lib/hooks';
import { homeFor, navFor } from './lib/roles';
import { session, signOut, type Session } from './lib/session';
import { useStore } from './lib/store';
import { ApprovalsPage } from './pages/ApprovalsPage';
import { CasePage } from './pages/CasePage';
import { CasesPage } from './pages/CasesPage';
import { DashboardPage } from './pages/DashboardPage';
import { HistoryPage } from './pages/HistoryPage';
import { MyWorkPage } from './pages/MyWorkPage';
import { NewCasePage } from './pages/NewCasePage';
import { NewReviewPage } from './pages/NewReviewPage';
import { CalibrationPage } from './pages/quality/CalibrationPage';
import { QaReviewPage } from './pages/quality/QaReviewPage';
import { QualityPage } from './pages/quality/QualityPage';
import { ScorecardPage } from './pages/quality/ScorecardPage';
import { SignInPage } from './pages/SignInPage';
import { TeamPage } from './pages/TeamPage';

export function App() {
  const config = useResource(loadConsoleConfig, []);
  const current = useStore(session);
  return (
    <LocationProvider scope="/console">
      <a class="skip-link" href="#main">
        Skip to main content
      </a>
      <StatusBanner />
      {current ? <SignedIn session={current} /> : <SignInPage configError={config.error} />}
    </LocationProvider>
  );
}

function SignedIn({ session: s }: { session: Session }) {
  const { path, route } = useLocation();
  const nav = navFor(s.user.role);
  useEffect(() => {
    if (path === '/console/' || path === '/console' || path === '/console/sign-in') route(homeFor(s.user.role), true);
  }, [path, s.user.role]);
  return (
    <>
      <header class="topbar">
        <a class="brand" href={homeFor(s.user.role)}>
          Riskdesk
        </a>
        <nav aria-label="Main">
          <ul>
            {nav.map((item) => (
              <li key={item.href}>
                <a href={item.href} aria-current={path.startsWith(item.href) ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="whoami">
          <span>
            {s.user.name} · {words(s.user.role)} · {s.user.team}
          </span>
          <button type="button" onClick={() => signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <ErrorBoundary>
          <Router>
            <Route path="/console/work" component={MyWorkPage} />
            <Route path="/console/cases" component={CasesPage} />
            <Route path="/console/cases/new" component={NewCasePage} />
            <Route path="/console/cases/:id" component={CasePage} />
            <Route path="/console/cases/:id/history" component={HistoryPage} />
            <Route path="/console/reviews/new" component={NewReviewPage} />
            <Route path="/console/approvals" component={ApprovalsPage} />
            <Route path="/console/team" component={TeamPage} />
            <Route path="/console/dashboard" component={DashboardPage} />
            <Route path="/console/quality" component={QualityPage} />
            <Route path="/console/qa-reviews/:id" component={QaReviewPage} />
            <Route path="/console/scorecards/:userId" component={ScorecardPage} />
            <Route path="/console/calibration/:id" component={CalibrationPage} />
            <Route default component={NotFound} />
          </Router>
        </ErrorBoundary>
      </main>
    </>
  );
}

function NotFound() {
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        There is no console page here. <a href="/console/">Go to your start page</a>.
      </p>
    </section>
  );
}
