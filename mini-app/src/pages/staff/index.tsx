import { lazy, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Navigate, Route, Routes, useSearchParams } from 'react-router-dom';
import '../../components/staff/staff.css';
import { StaffLayout } from '../../components/staff/staff-layout.tsx';
import { LoadState } from '../../components/staff/load-state.tsx';
import { fetchUnits } from '../../services/api/staff.ts';
import { useLoaded } from '../../services/api/use-loaded.ts';
import { useStaffSession, type StaffSession } from '../../state/staff-session.ts';
import { StaffFormContext, useFormChoice } from '../../state/staff-form.ts';
import { StaffUnitContext } from '../../state/staff-unit.ts';
import { AlertsPage } from './alerts/index.tsx';
import { CommentsPage } from './comments/index.tsx';
import { SignInPage } from './sign-in/index.tsx';
import { TodayPage } from './today/index.tsx';

// The chart library is only needed on Trends: a chunk of its own.
const TrendsPage = lazy(() => import('./trends/index.tsx').then((m) => ({ default: m.TrendsPage })));
// Reports and dossier counts are the clerk's, a few times a month: chunks of their own as well.
const ReportsPage = lazy(() => import('./reports/index.tsx').then((m) => ({ default: m.ReportsPage })));
const CoveragePage = lazy(() => import('./coverage/index.tsx').then((m) => ({ default: m.CoveragePage })));
// Reached from an alert, the officers tables or the funnel plot; draws the trend chart as Trends does.
const OfficerPage = lazy(() => import('./officer/index.tsx').then((m) => ({ default: m.OfficerPage })));
// Paper ballots are typed when a ballot box is opened, a few times a quarter.
const PaperPage = lazy(() => import('./paper/index.tsx').then((m) => ({ default: m.PaperPage })));
const ZaloLinkPage = lazy(() => import('./zalo/index.tsx').then((m) => ({ default: m.ZaloLinkPage })));
// Receipt tickets (issue 30): the clerk's desk screen, with the QR library.
const TicketsPage = lazy(() => import('./tickets/index.tsx').then((m) => ({ default: m.TicketsPage })));
// The enumerator's screens (issue 29) and the campaign progress: chunks of their own.
const EnumeratorApp = lazy(() => import('./enumerator/index.tsx').then((m) => ({ default: m.EnumeratorApp })));
const CampaignsPage = lazy(() => import('./campaigns/index.tsx').then((m) => ({ default: m.CampaignsPage })));
// The supervisors' comparison of units (issue 29): the funnel plot draws with the chart library.
const ComparisonPage = lazy(() => import('./comparison/index.tsx').then((m) => ({ default: m.ComparisonPage })));

/** A lazily loaded screen, with the loading state of the others while its chunk arrives. */
function Later({ children }: { readonly children: ReactNode }) {
  return <Suspense fallback={<LoadState state={{ kind: 'loading' }} />}>{children}</Suspense>;
}

/** The staff area: sign-in, then Today, Trends, Comments, Alerts, Reports, dossier counts, paper ballots, an officer's page and the Zalo link, for the chosen unit. */
export function StaffApp() {
  const session = useStaffSession();
  useEffect(() => {
    document.title = 'Hài Lòng – Cán bộ';
  }, []);
  if (session?.role === 'enumerator') {
    // An enumerator works from the day kept on the device: no unit list to load first.
    return (
      <Later>
        <EnumeratorApp session={session} />
      </Later>
    );
  }
  return session ? <SignedIn session={session} /> : <SignInPage />;
}

function SignedIn({ session }: { readonly session: StaffSession }) {
  const { state } = useLoaded(fetchUnits, `${session.username}|${session.expiresAt}`);
  // A link from a Zalo alert (#/staff/alerts?unit=…) opens that unit, if this account may see it;
  // otherwise the account's own unit, as usual.
  const [params] = useSearchParams();
  const linkedUnit = params.get('unit');
  const [chosen, setChosen] = useState<string | null>(linkedUnit);
  useEffect(() => {
    if (linkedUnit) setChosen(linkedUnit);
  }, [linkedUnit]);
  const value = useMemo(() => {
    if (state.kind !== 'ok' || state.data.length === 0) return null;
    const units = state.data;
    const unit = units.find((u) => u.id === chosen) ?? units.find((u) => u.id === session.unitId) ?? units[0]!;
    return { units, unit, setUnitId: setChosen };
  }, [state, chosen, session.unitId]);
  // The questionnaire, chosen like the unit (a link may name it: ?form=sipas).
  const formState = useFormChoice(value?.unit.id ?? null, params.get('form'));

  if (!value) {
    return (
      <StaffLayout session={session}>
        {state.kind === 'ok' ? <p className="staff-empty">Tài khoản này chưa được giao đơn vị nào.</p> : <LoadState state={state} />}
      </StaffLayout>
    );
  }
  return (
    <StaffUnitContext.Provider value={value}>
      <StaffFormContext.Provider value={formState}>
        <StaffLayout session={session}>
          <Routes>
            <Route path="/staff/today" element={<TodayPage />} />
            <Route
              path="/staff/trends"
              element={
                <Later>
                  <TrendsPage />
                </Later>
              }
            />
            <Route path="/staff/comments" element={<CommentsPage />} />
            <Route path="/staff/alerts" element={<AlertsPage />} />
            <Route
              path="/staff/reports"
              element={
                <Later>
                  <ReportsPage />
                </Later>
              }
            />
            <Route
              path="/staff/coverage"
              element={
                <Later>
                  <CoveragePage />
                </Later>
              }
            />
            <Route
              path="/staff/paper"
              element={
                <Later>
                  <PaperPage />
                </Later>
              }
            />
            <Route
              path="/staff/campaigns"
              element={
                <Later>
                  <CampaignsPage />
                </Later>
              }
            />
            <Route
              path="/staff/tickets"
              element={
                <Later>
                  <TicketsPage />
                </Later>
              }
            />
            <Route
              path="/staff/officers/:officerId"
              element={
                <Later>
                  <OfficerPage />
                </Later>
              }
            />
            <Route
              path="/staff/zalo"
              element={
                <Later>
                  <ZaloLinkPage />
                </Later>
              }
            />
            <Route
              path="/staff/comparison"
              element={
                <Later>
                  <ComparisonPage />
                </Later>
              }
            />
            <Route path="*" element={<Navigate to="/staff/today" replace />} />
          </Routes>
        </StaffLayout>
      </StaffFormContext.Provider>
    </StaffUnitContext.Provider>
  );
}
