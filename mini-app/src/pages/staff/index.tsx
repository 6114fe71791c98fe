import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
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

/** The staff area: sign-in, then Today, Trends, Comments and Alerts for the chosen unit. */
export function StaffApp() {
  const session = useStaffSession();
  useEffect(() => {
    document.title = 'Hài Lòng – Cán bộ';
  }, []);
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
                <Suspense fallback={<LoadState state={{ kind: 'loading' }} />}>
                  <TrendsPage />
                </Suspense>
              }
            />
            <Route path="/staff/comments" element={<CommentsPage />} />
            <Route path="/staff/alerts" element={<AlertsPage />} />
            <Route path="*" element={<Navigate to="/staff/today" replace />} />
          </Routes>
        </StaffLayout>
      </StaffFormContext.Provider>
    </StaffUnitContext.Provider>
  );
}
