import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { LoadState } from '../../../components/staff/load-state.tsx';
import type { AlertFilter, AlertKind } from '../../../services/api/alerts.ts';
import { fetchUnitStaff } from '../../../services/api/cases.ts';
import { useLoaded } from '../../../services/api/use-loaded.ts';
import { useStaffSession } from '../../../state/staff-session.ts';
import { useStaffUnit } from '../../../state/staff-unit.ts';
import { AlertCard } from './alert-card.tsx';
import { AlertGroup } from './alert-group.tsx';
import { groupAlerts } from './alert-groups.ts';
import { KIND_LABELS } from './alert-words.ts';
import { DeliveryNotice } from './delivery-notice.tsx';
import { useAlertPages } from './use-alert-pages.ts';
// The alerts are drawn as comment cards.
import '../../../components/staff/comment-card.css';
import './alerts.css';

const KINDS = Object.keys(KIND_LABELS) as AlertKind[];
const isKind = (v: string | null): v is AlertKind => v !== null && (KINDS as string[]).includes(v);

/**
 * What was sent to whom and where each alert stands, filtered by type and status, with "Xem thêm".
 * Cases are decided on the card. The filters live in the address (#/staff/alerts?kind=…&status=…),
 * so that coming back from an officer's page finds the list as it was. A link from a Zalo alert
 * (?unit=…&alert=…) highlights that alert and scrolls to it.
 */
export function AlertsPage() {
  const { unit } = useStaffUnit();
  const username = useStaffSession()?.username ?? '';
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind');
  const statusParam = params.get('status');
  const filter = useMemo(
    (): AlertFilter => ({ kind: isKind(kindParam) ? kindParam : '', status: statusParam === 'open' || statusParam === 'closed' ? statusParam : '' }),
    [kindParam, statusParam],
  );
  const setFilter = (key: 'kind' | 'status', value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const { state, more, refresh, reload, moreError } = useAlertPages(unit.id, filter);
  const staffState = useLoaded(useCallback(() => fetchUnitStaff(unit.id), [unit.id]), unit.id).state;
  const staff = staffState.kind === 'ok' ? staffState.data : null;
  const linked = params.get('alert');
  const listing = state.kind === 'ok' ? state.data : null;
  const rows = useMemo(() => (listing ? groupAlerts(listing.alerts) : []), [listing]);
  const linkedMissing = linked !== null && listing !== null && !filter.kind && !filter.status && !listing.alerts.some((a) => a.id === linked);
  const filtered = filter.kind !== '' || filter.status !== '';

  return (
    <div className="staff-screen">
      <h1 className="staff-title">Cảnh báo</h1>
      <DeliveryNotice unitId={unit.id} username={username} />
      <form className="filter-grid alert-filters" aria-label="Lọc cảnh báo" onSubmit={(e) => e.preventDefault()}>
        <label className="staff-field">
          <span>Loại cảnh báo</span>
          <select value={filter.kind} onChange={(e) => setFilter('kind', e.target.value)}>
            <option value="">Tất cả các loại</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="staff-field">
          <span>Tình trạng</span>
          <select value={filter.status} onChange={(e) => setFilter('status', e.target.value)}>
            <option value="">Tất cả</option>
            <option value="open">Cần xử lý</option>
            <option value="closed">Đã xử lý, đã xem</option>
          </select>
        </label>
      </form>
      {linkedMissing && (
        <p className="staff-notice" role="status">
          Không thấy cảnh báo trong đường liên kết ở danh sách của {unit.name}: có thể cảnh báo thuộc đơn vị khác hoặc đã quá cũ.
        </p>
      )}
      {state.kind !== 'ok' ? (
        <LoadState state={state} onRetry={reload} />
      ) : listing === null ? (
        <p className="staff-empty">Chức năng cảnh báo qua Zalo chưa được bật trên máy chủ này. Khi bật, các cảnh báo đã gửi sẽ hiện ở đây.</p>
      ) : listing.alerts.length === 0 ? (
        <p className="staff-empty">
          {filtered
            ? 'Không có cảnh báo nào phù hợp với bộ lọc.'
            : 'Chưa có cảnh báo nào. Khi có phiếu rất không hài lòng, phản ánh tiêu cực hoặc cán bộ vượt ngưỡng không hài lòng, cảnh báo sẽ hiện ở đây.'}
        </p>
      ) : (
        <div className="comment-list">
          {rows.map((row) =>
            row.type === 'one' ? (
              <AlertCard
                key={row.alert.id}
                unitId={unit.id}
                alert={row.alert}
                staff={staff}
                linked={row.alert.id === linked}
                onChanged={() => void refresh()}
              />
            ) : (
              <AlertGroup
                key={row.key}
                unitId={unit.id}
                officer={row.officer}
                day={row.day}
                alerts={row.alerts}
                staff={staff}
                linked={linked}
                onChanged={() => void refresh()}
              />
            ),
          )}
          {listing.nextBefore !== null && (
            <button type="button" className="staff-btn staff-btn-block" onClick={() => void more()}>
              Xem thêm
            </button>
          )}
          {moreError && <p className="staff-error-text">{moreError}</p>}
        </div>
      )}
    </div>
  );
}
