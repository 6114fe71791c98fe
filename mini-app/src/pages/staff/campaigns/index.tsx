import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import { LoadState } from '../../../components/staff/load-state.tsx';
import { fetchProgress, fetchUnitCampaigns, type CampaignSummary } from '../../../services/api/campaigns.ts';
import { useLoaded } from '../../../services/api/use-loaded.ts';
import { formatCount, formatDay, formatInstant } from '../../../services/format/staff.ts';
import { useStaffUnit } from '../../../state/staff-unit.ts';
import { ProgressTable } from './progress-table.tsx';
import './campaigns.css';

const STATUS: Record<CampaignSummary['status'], string> = { upcoming: 'Chưa đến đợt', open: 'Đang khảo sát', closed: 'Đã kết thúc' };
/** Enumerators sync through the day: the figures are read again every minute while the screen is open. */
const REFRESH_MS = 60_000;

/**
 * A survey campaign's progress against its quotas (R4.3), for clerks and supervisors: per unit,
 * field and respondent kind, the official list, responses, reserve used, what is missing, refusals.
 */
export function CampaignsPage() {
  const { unit } = useStaffUnit();
  const [params, setParams] = useSearchParams();
  const list = useLoaded(useCallback(() => fetchUnitCampaigns(unit.id), [unit.id]), unit.id);
  const campaigns = list.state.kind === 'ok' ? list.state.data : [];
  const chosen = campaigns.find((c) => c.id === params.get('campaign')) ?? campaigns.find((c) => c.status === 'open') ?? campaigns[0] ?? null;

  return (
    <div className="staff-screen campaigns-screen">
      <h1 className="staff-title">Đợt khảo sát</h1>
      <p className="staff-muted no-print">Tiến độ khảo sát theo danh sách chính thức và dự phòng của từng đơn vị, lĩnh vực và đối tượng.</p>
      {list.state.kind !== 'ok' ? (
        <LoadState state={list.state} onRetry={list.reload} />
      ) : campaigns.length === 0 ? (
        <p className="staff-empty">Chưa có đợt khảo sát nào gồm {unit.name} hoặc các đơn vị trực thuộc.</p>
      ) : (
        <>
          <label className="staff-field campaigns-pick no-print">
            <span>Đợt khảo sát</span>
            <select value={chosen?.id ?? ''} onChange={(e) => setParams({ campaign: e.target.value }, { replace: true })}>
              {campaigns.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({formatDay(c.opensOn)} – {formatDay(c.closesOn)})
                </option>
              ))}
            </select>
          </label>
          {chosen && <CampaignProgressView key={chosen.id} campaign={chosen} />}
        </>
      )}
    </div>
  );
}

function CampaignProgressView({ campaign }: { readonly campaign: CampaignSummary }) {
  const load = useCallback(() => fetchProgress(campaign.id), [campaign.id]);
  const { state, reload } = useLoaded(load, campaign.id, REFRESH_MS);
  if (state.kind !== 'ok') return <LoadState state={state} onRetry={reload} />;
  const p = state.data;
  const share = p.total.official > 0 ? Math.min(1, p.total.done / p.total.official) : 0;
  return (
    <section className="staff-section" aria-labelledby="campaign-progress-h">
      <h2 id="campaign-progress-h">{p.name}</h2>
      <p className="staff-small staff-muted">
        {formatDay(p.opensOn)} – {formatDay(p.closesOn)} · {STATUS[p.status]} · số liệu lúc {formatInstant(state.at.toISOString())}
      </p>
      <div className="campaigns-summary">
        <p>
          Đã khảo sát <strong>{formatCount(p.total.done)}</strong>/{formatCount(p.total.official)} phiếu
        </p>
        <p>
          Còn thiếu <strong>{formatCount(p.total.missing)}</strong>
        </p>
        <p>
          Dự phòng đã dùng <strong>{formatCount(p.total.reserveUsed)}</strong>
        </p>
        <progress className="campaigns-bar" max={1} value={share} aria-label={`Đã khảo sát ${p.total.done} trên ${p.total.official} phiếu`} />
      </div>
      <ProgressTable progress={p} />
    </section>
  );
}
