import { useCallback } from 'react';
import { fetchUnitCampaigns, type CampaignSummary } from '../../../services/api/campaigns.ts';
import type { DayRange } from '../../../services/api/reports.ts';
import { useLoaded } from '../../../services/api/use-loaded.ts';
import { formatDay } from '../../../services/format/staff.ts';

/**
 * "Đợt khảo sát": compare a survey campaign's responses (its form, its window) instead of every
 * response of the period. Nothing when no campaign covers these units.
 */
export function CampaignPicker({
  unitId,
  value,
  onChange,
}: {
  readonly unitId: string;
  readonly value: string | null;
  /** The campaign chosen (null: none) and its window, which becomes the range. */
  readonly onChange: (id: string | null, window: DayRange | null) => void;
}) {
  const { state } = useLoaded(
    useCallback(() => fetchUnitCampaigns(unitId), [unitId]),
    unitId,
  );
  const campaigns: readonly CampaignSummary[] = state.kind === 'ok' ? state.data : [];
  if (campaigns.length === 0 && value === null) return null;
  return (
    <label className="staff-field cmp-campaign">
      <span>Đợt khảo sát</span>
      <select
        value={value ?? ''}
        onChange={(e) => {
          const c = campaigns.find((x) => x.id === e.target.value);
          onChange(c ? c.id : null, c ? { from: c.opensOn, to: c.closesOn } : null);
        }}
      >
        <option value="">Tất cả phiếu trong kỳ (không theo đợt)</option>
        {value !== null && !campaigns.some((c) => c.id === value) && <option value={value}>Đợt khảo sát đã chọn</option>}
        {campaigns.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} ({formatDay(c.opensOn)} – {formatDay(c.closesOn)})
          </option>
        ))}
      </select>
    </label>
  );
}
