import { useState } from 'react';
import type { DayEntry } from '../../../services/api/campaigns.ts';
import { pendingOps, rejectedOps, type CampaignRecord } from '../../../services/offline/enumerator-store.ts';
import { useEnumerator, useOnline, type SyncState } from './enumerator-context.ts';
import { OP_LABELS, syncResultText, unsentText } from './enumerator-words.ts';

export const ALL_SENT = 'Đã gửi hết dữ liệu';

/**
 * What is still on the device ("4 phiếu chưa gửi"), "Gửi dữ liệu", what the last run came to,
 * and the ops the server refused, each with its message.
 */
export function SyncPanel({ record, sync, names }: { readonly record: CampaignRecord; readonly sync: SyncState; readonly names: ReadonlyMap<string, DayEntry> }) {
  const online = useOnline();
  const pending = pendingOps(record);
  const rejected = rejectedOps(record);
  return (
    <section className={`enum-sync${pending.length > 0 ? ' has-pending' : ''}`} aria-label="Gửi dữ liệu">
      <div className="enum-sync-row">
        <p className="enum-unsent" role="status" data-pending={pending.length}>
          {pending.length > 0 ? unsentText(pending) : ALL_SENT}
        </p>
        <button type="button" className="staff-btn staff-btn-primary" disabled={sync.busy || pending.length === 0} onClick={() => void sync.run()}>
          {sync.busy ? 'Đang gửi…' : 'Gửi dữ liệu'}
        </button>
      </div>
      {!online && <p className="staff-small enum-offline">Không có mạng: cứ làm tiếp, mọi thứ được lưu trên máy và tự gửi khi có mạng.</p>}
      {sync.last && !sync.busy && (
        <p className={`staff-small${sync.last.error ? ' staff-error-text' : ''}`} role={sync.last.error ? 'alert' : 'status'}>
          {syncResultText(sync.last)}
        </p>
      )}
      {rejected.length > 0 && <RejectedList campaignId={record.day?.campaign.id ?? ''} rejected={rejected} names={names} />}
    </section>
  );
}

function RejectedList({ campaignId, rejected, names }: { readonly campaignId: string; readonly rejected: ReturnType<typeof rejectedOps>; readonly names: ReadonlyMap<string, DayEntry> }) {
  const { store } = useEnumerator();
  const [asking, setAsking] = useState<string | null>(null);
  return (
    <div className="enum-rejected">
      <h2 className="enum-rejected-title">{rejected.length} mục bị từ chối</h2>
      <p className="staff-small">Máy chủ không nhận các mục này; chúng sẽ không được gửi lại. Xem lý do rồi xoá khỏi máy.</p>
      <ul>
        {rejected.map((s) => (
          <li key={s.op.opId} className="enum-rejected-item">
            <p>
              <strong>{OP_LABELS[s.op.kind]}</strong> · {names.get(s.op.entryId)?.name ?? 'Người không còn trong danh sách'}
            </p>
            <p className="staff-error-text">{s.rejected?.message}</p>
            {asking === s.op.opId ? (
              <div className="enum-entry-actions" role="group" aria-label="Xác nhận xoá">
                <button type="button" className="staff-btn staff-btn-danger" onClick={() => void store.dismiss(campaignId, s.op.opId)}>
                  Có, xoá khỏi máy
                </button>
                <button type="button" className="staff-btn" onClick={() => setAsking(null)}>
                  Không
                </button>
              </div>
            ) : (
              <button type="button" className="staff-btn" onClick={() => setAsking(s.op.opId)}>
                Xoá khỏi máy
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
