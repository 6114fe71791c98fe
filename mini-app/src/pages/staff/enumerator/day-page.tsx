import { useMemo } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router-dom';
import type { DayEntry } from '../../../services/api/campaigns.ts';
import { formatInstant } from '../../../services/format/staff.ts';
import { newOpId } from '../../../services/offline/enumerator-instance.ts';
import { pendingOps } from '../../../services/offline/enumerator-store.ts';
import { addProgress, groupEntries, withLocalOps } from '../../../state/enumerator-day.ts';
import { useCampaignRecord, useEnumerator, useSync } from './enumerator-context.ts';
import { groupTitle, windowText } from './enumerator-words.ts';
import { RespondentGroup } from './respondent-group.tsx';
import type { CloseKind } from './respondent-row.tsx';
import { SyncPanel } from './sync-panel.tsx';

/**
 * One campaign's day on the device: what is unsent, the unit's people by field and respondent
 * kind (officials in order, the next one marked, reserves as they are needed) and the progress
 * against each quota. Works with no network: every change is an op kept on the device first.
 */
export function DayPage() {
  const { campaignId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const saved = (useLocation().state as { saved?: string } | null)?.saved ?? null;
  const { store, sync } = useEnumerator();
  const record = useCampaignRecord(campaignId);
  const syncState = useSync(campaignId, record);
  const day = record?.day ?? null;
  const pending = useMemo(() => (record ? pendingOps(record) : []), [record]);
  const unit = day?.units.find((u) => u.unitId === params.get('unit')) ?? day?.units[0] ?? null;
  const entries = useMemo(() => (unit ? withLocalOps(unit.entries, pending) : []), [unit, pending]);
  const groups = useMemo(() => (day && unit ? groupEntries(day, entries, unit.quotas) : []), [day, unit, entries]);
  const names = useMemo(() => new Map<string, DayEntry>(day?.units.flatMap((u) => u.entries.map((e) => [e.entryId, e] as const)) ?? []), [day]);

  if (record === null) {
    return (
      <p className="staff-status" role="status">
        <span className="staff-spinner" aria-hidden="true" /> Đang đọc dữ liệu trên máy…
      </p>
    );
  }
  if (!day) {
    return (
      <div className="staff-screen enum-screen">
        <h1 className="staff-title">Danh sách phỏng vấn</h1>
        <p className="staff-empty">
          Danh sách của đợt khảo sát này chưa được tải về máy. <Link to="/staff/enumerator">Về danh sách được giao</Link> để tải.
        </p>
      </div>
    );
  }

  async function closeEntry(entry: DayEntry, kind: CloseKind) {
    await store.addOp(campaignId, { opId: newOpId(), kind, entryId: entry.entryId, at: new Date().toISOString() });
    if (navigator.onLine !== false) void sync.sync(campaignId);
  }

  const total = addProgress(groups.map((g) => g.progress));
  return (
    <div className="staff-screen enum-screen">
      <p className="enum-back no-print">
        <Link to="/staff/enumerator">‹ Khảo sát hôm nay</Link>
      </p>
      <h1 className="staff-title">{day.campaign.name}</h1>
      <p className="staff-small staff-muted">
        Thời gian khảo sát {windowText(day.campaign)} · danh sách tải lúc {record.downloadedAt ? formatInstant(new Date(record.downloadedAt).toISOString()) : '–'}
      </p>
      {saved && (
        <p className="staff-notice enum-saved" role="status">
          {saved}
        </p>
      )}
      <SyncPanel record={record} sync={syncState} names={names} />
      {day.units.length > 1 && (
        <label className="staff-field enum-unit-pick">
          <span>Đơn vị</span>
          <select value={unit?.unitId ?? ''} onChange={(e) => setParams({ unit: e.target.value }, { replace: true })}>
            {day.units.map((u) => (
              <option key={u.unitId} value={u.unitId}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {unit && (
        <>
          <p className="enum-unit-total">
            <strong>{unit.name}</strong>: đã phỏng vấn {total.done}/{total.official} · dự phòng đã dùng {total.reserveUsed}/{total.reserve}
          </p>
          {groups.length === 0 && <p className="staff-empty">Đơn vị này chưa có danh sách người được khảo sát.</p>}
          {groups.map((g) => (
            <RespondentGroup
              key={`${unit.unitId}|${g.fieldKey}|${g.respondentKind}`}
              group={g}
              title={groupTitle(day, g.fieldKey, g.respondentKind)}
              campaignId={campaignId}
              onClose={closeEntry}
            />
          ))}
        </>
      )}
    </div>
  );
}
