import { useCallback } from 'react';
import { Link } from 'react-router-dom';
import { fetchAlertDelivery } from '../../../services/api/alerts.ts';
import { useLoaded } from '../../../services/api/use-loaded.ts';
import { ROLE_LABELS } from '../../../services/format/staff.ts';

/**
 * At the top of the alerts screen: the recipients (the chairman first) whose alerts do not reach
 * Zalo, and the API's advice (why, and what to do). The signed-in person not linked gets the way to link right here.
 */
export function DeliveryNotice({ unitId, username }: { readonly unitId: string; readonly username: string }) {
  const { state } = useLoaded(
    useCallback(() => fetchAlertDelivery(unitId), [unitId]),
    unitId,
  );
  if (state.kind !== 'ok') return null;
  const stuck = state.data.recipients.filter((r) => r.state !== 'ok').sort((a, b) => Number(b.role === 'chairman') - Number(a.role === 'chairman'));
  if (stuck.length === 0) return null;
  const chairman = stuck.some((r) => r.role === 'chairman');
  return (
    <section className="delivery-notice" aria-labelledby="delivery-h">
      <h2 id="delivery-h">{chairman ? 'Cảnh báo chưa đến được Zalo của Chủ tịch' : 'Cảnh báo chưa đến được Zalo của một số người nhận'}</h2>
      <ul>
        {stuck.map((r) => (
          <li key={r.staffId} data-recipient={r.username} data-state={r.state}>
            <strong>
              {r.username} ({ROLE_LABELS[r.role] ?? r.role})
            </strong>
            {r.waiting > 0 ? ` – ${r.waiting} cảnh báo đang chờ gửi.` : ''}
            <span className="delivery-advice">{r.advice}</span>
            {r.username === username && (r.state === 'not_linked' || r.state === 'not_follower') && (
              <Link className="staff-btn staff-btn-primary delivery-action" to="/staff/zalo">
                Liên kết Zalo của tôi
              </Link>
            )}
          </li>
        ))}
      </ul>
      <p className="staff-small">Dù Zalo chưa gửi được, mọi cảnh báo vẫn hiện đầy đủ ở danh sách dưới đây.</p>
    </section>
  );
}
