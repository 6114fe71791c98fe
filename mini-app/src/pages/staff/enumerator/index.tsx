import { useMemo } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { StaffLayout } from '../../../components/staff/staff-layout.tsx';
import { enumeratorServices, type EnumeratorServices } from '../../../services/offline/enumerator-instance.ts';
import type { StaffSession } from '../../../state/staff-session.ts';
import { AssignmentsPage } from './assignments.tsx';
import { DayPage } from './day-page.tsx';
import { EnumeratorContext } from './enumerator-context.ts';
import { InterviewPage } from './interview-page.tsx';
import './enumerator.css';

/**
 * The enumerator's screens (điều tra viên): today's assignments, a campaign's list on the device,
 * the interview. Nothing here needs the network after the day is downloaded.
 */
export function EnumeratorApp({ session, services }: { readonly session: StaffSession; readonly services?: EnumeratorServices }) {
  const value = useMemo(() => services ?? enumeratorServices(session.username), [services, session.username]);
  return (
    <EnumeratorContext.Provider value={value}>
      <StaffLayout session={session}>
        <Routes>
          <Route path="/staff/enumerator" element={<AssignmentsPage />} />
          <Route path="/staff/enumerator/:campaignId" element={<DayPage />} />
          <Route path="/staff/enumerator/:campaignId/interview/:entryId" element={<InterviewPage />} />
          <Route path="*" element={<Navigate to="/staff/enumerator" replace />} />
        </Routes>
      </StaffLayout>
    </EnumeratorContext.Provider>
  );
}
