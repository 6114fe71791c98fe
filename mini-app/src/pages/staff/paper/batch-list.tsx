import { Link } from 'react-router-dom';
import type { PaperBatchSummary } from '../../../services/api/paper.ts';
import { formatDay, formatInstant } from '../../../services/format/staff.ts';
import { BATCH_STATUS, whoOf } from './paper-words.ts';

/**
 * The unit's batches, newest first: opened, counts on, forms entered / found, status, who opened
 * it; each opens below (its id in the address, #/staff/paper?batch=…).
 */
export function BatchList({
  batches,
  chosen,
  names,
  onChoose,
}: {
  readonly batches: readonly PaperBatchSummary[];
  readonly chosen: string | null;
  readonly names: ReadonlyMap<string, string>;
  readonly onChoose: () => void;
}) {
  if (batches.length === 0) return <p className="staff-empty">Chưa mở hòm phiếu lần nào. Bấm “Mở hòm phiếu” khi mở hòm để nhập các phiếu giấy.</p>;
  return (
    <table className="paper-batches">
      <caption className="sr-only">Các đợt mở hòm phiếu</caption>
      <thead>
        <tr>
          <th scope="col">Mở hòm</th>
          <th scope="col">Tính vào ngày</th>
          <th scope="col" className="num">
            Đã nhập / số phiếu
          </th>
          <th scope="col">Tình trạng</th>
          <th scope="col">Người mở</th>
          <th scope="col" className="paper-actions-h">
            <span className="sr-only">Mở đợt</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {batches.map((b) => {
          const status = BATCH_STATUS[b.status];
          return (
            <tr key={b.id} data-batch-id={b.id} className={b.id === chosen ? 'is-chosen' : undefined} aria-current={b.id === chosen ? 'true' : undefined}>
              <th scope="row">Ngày {formatDay(b.openedOn)}</th>
              <td data-label="Tính vào ngày">{formatDay(b.countsOn)}</td>
              <td data-label="Đã nhập / số phiếu" className="num">
                <span>
                  {b.forms}/{b.expectedForms}
                  {b.status === 'committed' && b.stored !== null && <span className="row-sub">đã ghi {b.stored}</span>}
                </span>
              </td>
              <td data-label="Tình trạng">
                <span className={`badge ${status.badge}`}>{status.label}</span>
              </td>
              <td data-label="Người mở">
                <span>
                  {whoOf(b.createdBy, names)}
                  <span className="row-sub">{formatInstant(b.createdAt)}</span>
                </span>
              </td>
              <td className="paper-batch-open">
                <Link className="row-link" to={{ search: `?batch=${encodeURIComponent(b.id)}` }} onClick={onChoose}>
                  {b.status === 'open' ? 'Nhập phiếu' : 'Xem phiếu'}
                  <span className="sr-only"> đợt mở ngày {formatDay(b.openedOn)}</span>
                </Link>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
