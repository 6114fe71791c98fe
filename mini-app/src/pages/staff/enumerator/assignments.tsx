import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { fetchAssignments, fetchDay, type Assignment } from '../../../services/api/campaigns.ts';
import { StaffApiError } from '../../../services/api/staff-http.ts';
import { formatInstant } from '../../../services/format/staff.ts';
import { pendingOps, type CampaignRecord } from '../../../services/offline/enumerator-store.ts';
import { useCampaignRecord, useEnumerator } from './enumerator-context.ts';
import { CAMPAIGN_STATUS_LABELS, unsentText, windowText } from './enumerator-words.ts';

type Loaded =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ok'; readonly list: readonly Assignment[]; readonly cachedAt: number | null }
  | { readonly kind: 'error'; readonly message: string };

/**
 * "Khảo sát hôm nay": the campaigns and units assigned to this enumerator. The list is kept on
 * the device, so with no network the last one still shows; choosing a campaign downloads its day.
 */
export function AssignmentsPage() {
  const { store } = useEnumerator();
  const [state, setState] = useState<Loaded>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    fetchAssignments()
      .then(async (list) => {
        await store.saveAssignments(list);
        if (live) setState({ kind: 'ok', list, cachedAt: null });
      })
      .catch(async (e: unknown) => {
        const kept = await store.assignments();
        if (!live) return;
        if (kept) setState({ kind: 'ok', list: kept.list, cachedAt: kept.at });
        else setState({ kind: 'error', message: e instanceof StaffApiError ? e.message : 'Chưa tải được danh sách được giao.' });
      });
    return () => {
      live = false;
    };
  }, [store]);

  return (
    <div className="staff-screen enum-screen">
      <h1 className="staff-title">Khảo sát hôm nay</h1>
      {state.kind === 'loading' && (
        <p className="staff-status" role="status">
          <span className="staff-spinner" aria-hidden="true" /> Đang tải danh sách được giao…
        </p>
      )}
      {state.kind === 'error' && (
        <div className="staff-error" role="alert">
          <p>{state.message}</p>
        </div>
      )}
      {state.kind === 'ok' && (
        <>
          {state.cachedAt !== null && (
            <p className="staff-notice" role="status">
              Không có mạng: đây là danh sách đã lưu trên máy lúc {formatInstant(new Date(state.cachedAt).toISOString())}.
            </p>
          )}
          {state.list.length === 0 ? (
            <p className="staff-empty">Chưa có đợt khảo sát nào được giao cho tài khoản này.</p>
          ) : (
            <ul className="enum-assignments">
              {state.list.map((a) => (
                <AssignmentCard key={a.campaign.id} assignment={a} />
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

function AssignmentCard({ assignment }: { readonly assignment: Assignment }) {
  const { campaign, units } = assignment;
  const { store } = useEnumerator();
  const record = useCampaignRecord(campaign.id);
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = () => navigate(`/staff/enumerator/${campaign.id}`);

  async function download() {
    setBusy(true);
    setError(null);
    try {
      await store.saveDay(campaign.id, await fetchDay(campaign.id));
      open();
    } catch (e) {
      setError(e instanceof StaffApiError ? e.message : 'Chưa tải được danh sách. Vui lòng thử lại.');
      setBusy(false);
    }
  }

  const titleId = `enum-c-${campaign.id}`;
  return (
    <li className="staff-card enum-assignment" aria-labelledby={titleId}>
      <h2 id={titleId} className="enum-assignment-title">
        {campaign.name}
      </h2>
      <p className="staff-small staff-muted">
        {windowText(campaign)} · <span className={`badge enum-cs-${campaign.status}`}>{CAMPAIGN_STATUS_LABELS[campaign.status]}</span>
      </p>
      <p className="enum-units">
        <span className="staff-muted">Đơn vị được giao: </span>
        {units.map((u) => u.name).join(', ')}
      </p>
      <DeviceLine record={record} />
      <div className="staff-toolbar">
        {record?.day ? (
          <>
            <button type="button" className="staff-btn staff-btn-primary" onClick={open}>
              Mở danh sách
            </button>
            <button type="button" className="staff-btn" disabled={busy} onClick={() => void download()}>
              {busy ? 'Đang tải…' : 'Tải lại danh sách'}
            </button>
          </>
        ) : (
          <button type="button" className="staff-btn staff-btn-primary" disabled={busy || record === null} onClick={() => void download()}>
            {busy ? 'Đang tải về máy…' : 'Tải danh sách về máy'}
          </button>
        )}
      </div>
      {error && (
        <p className="staff-error-text" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

/** When the day was downloaded, and what is still on the device. */
function DeviceLine({ record }: { readonly record: CampaignRecord | null }) {
  if (!record?.day || record.downloadedAt === null) return <p className="staff-small staff-muted">Chưa tải danh sách về máy.</p>;
  const pending = pendingOps(record);
  return (
    <p className="staff-small">
      Đã tải về máy lúc {formatInstant(new Date(record.downloadedAt).toISOString())}
      {pending.length > 0 && <strong className="enum-unsent-inline"> · {unsentText(pending)}</strong>}
    </p>
  );
}
