import { lazy, Suspense } from 'react';

// The staff screens are a separate chunk: the citizen's rating screen never downloads them.
const StaffApp = lazy(() => import('../../pages/staff/index.tsx').then((m) => ({ default: m.StaffApp })));

export function StaffEntry() {
  return (
    <Suspense
      fallback={
        <p className="staff-boot" role="status">
          Đang tải…
        </p>
      }
    >
      <StaffApp />
    </Suspense>
  );
}
