import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { officerHref } from '../../../components/staff/officer-link.ts';
import type { AlertItem } from '../../../services/api/alerts.ts';
import type { UnitStaff } from '../../../services/api/cases.ts';
import { formatDay } from '../../../services/format/staff.ts';
import { AlertCard } from './alert-card.tsx';
import { isOpenAlert } from './alert-groups.ts';
import { officerTarget } from './alert-words.ts';

/**
 * One officer's low ratings and reports of one day as one line, with one badge (how many still
 * need handling); opened, each alert as its own card. Open from the start when a Zalo link points
 * to one of them.
 */
export function AlertGroup({
  unitId,
  officer,
  day,
  alerts,
  staff,
  linked,
  onChanged,
}: {
  readonly unitId: string;
  readonly officer: AlertItem['officer'];
  readonly day: string;
  readonly alerts: readonly AlertItem[];
  readonly staff: readonly UnitStaff[] | null;
  readonly linked: string | null;
  readonly onChanged: () => void;
}) {
  const id = useId();
  const [open, setOpen] = useState(() => alerts.some((a) => a.id === linked));
  const pending = alerts.filter(isOpenAlert).length;
  const target = officerTarget(alerts[0]!);
  return (
    <section className={`alert-group${pending === 0 ? ' is-handled' : ''}`} data-group-officer={officer?.id ?? ''} data-group-day={day} aria-labelledby={`${id}-title`}>
      <div className="alert-group-head">
        <button type="button" className="alert-group-toggle" aria-expanded={open} aria-controls={`${id}-list`} onClick={() => setOpen((o) => !o)}>
          <span id={`${id}-title`} className="alert-group-title">
            {officer?.name ?? 'Không chọn cán bộ'}: {alerts.length} phiếu rất không hài lòng, phản ánh
          </span>
          <span className="alert-group-sub">
            Ngày {formatDay(day)}
            <span className="no-print"> · {open ? 'Thu gọn' : 'Xem từng phiếu'}</span>
          </span>
        </button>
        <span className={`badge ${pending > 0 ? 'badge-open' : 'badge-ok'}`} data-pending={pending}>
          {pending > 0 ? `${pending} cần xử lý` : 'Đã xử lý hết'}
        </span>
      </div>
      {target && officer && (
        <p className="alert-links">
          <Link className="row-link" to={officerHref(target.officerId, target.range, target.form)}>
            Xem kết quả, hồ sơ của {officer.name}
          </Link>
        </p>
      )}
      <div id={`${id}-list`} className="comment-list alert-group-list" hidden={!open}>
        {open &&
          alerts.map((a) => (
            <AlertCard key={a.id} unitId={unitId} alert={a} staff={staff} linked={a.id === linked} inGroup onChanged={onChanged} />
          ))}
      </div>
    </section>
  );
}
