import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { DayEntry } from '../../../services/api/campaigns.ts';
import { isActionable, planGroup, type ListGroup } from '../../../state/enumerator-day.ts';
import { listLabel } from './enumerator-words.ts';
import { RespondentRow, type CloseKind } from './respondent-row.tsx';

interface Props {
  readonly group: ListGroup;
  readonly title: { readonly field: string; readonly kind: string };
  readonly campaignId: string;
  /** Keeps the closing on the device (an op); resolves once it is stored. */
  readonly onClose: (entry: DayEntry, kind: CloseKind) => Promise<void>;
}

/** After a closing: who it was, and the reserve entry now offered (or why there is none). */
interface Closed {
  readonly name: string;
  readonly kind: CloseKind;
  readonly offered: DayEntry | null;
  readonly missing: number;
}

const CLOSED_TEXT: Record<CloseKind, string> = { refused: 'từ chối', unreachable: 'không liên lạc được' };

/** One field × respondent kind: its progress against the quota and its people, officials first. */
export function RespondentGroup({ group, title, campaignId, onClose }: Props) {
  const [asking, setAsking] = useState<{ entryId: string; kind: CloseKind } | null>(null);
  const [closed, setClosed] = useState<Closed | null>(null);
  const p = group.progress;
  const headingId = `enum-g-${group.fieldKey}-${group.respondentKind}`;
  const shown = [...group.official, ...group.reserve.filter((e) => e.status !== 'pending' || group.offered.includes(e))];

  async function close(entry: DayEntry, kind: CloseKind) {
    // The reserve entry this closing brings in: planned as the list will be once the op is kept.
    const before = new Set(group.offered.map((e) => e.entryId));
    const after = planGroup(
      group.fieldKey,
      group.respondentKind,
      [...group.official, ...group.reserve].map((e) => (e.entryId === entry.entryId ? { ...e, status: kind } : e)),
      { official: group.progress.official, reserve: group.progress.reserve },
    );
    await onClose(entry, kind);
    setAsking(null);
    setClosed({ name: entry.name, kind, offered: after.offered.find((e) => !before.has(e.entryId)) ?? null, missing: after.progress.missing });
  }

  return (
    <section className="staff-card enum-group" aria-labelledby={headingId}>
      <h2 id={headingId} className="enum-group-title">
        {title.field} <span className="enum-group-kind">· {title.kind}</span>
      </h2>
      <p className="enum-progress" data-progress={`${p.done}/${p.official}`}>
        <span>
          Đã phỏng vấn <strong>{p.done}/{p.official}</strong>
        </span>
        <span>
          Dự phòng đã dùng <strong>{p.reserveUsed}/{p.reserve}</strong>
        </span>
        {p.missing > 0 ? <span>Còn thiếu {p.missing}</span> : p.official > 0 && <span className="enum-met">Đã đủ phiếu</span>}
      </p>
      <progress className="enum-progress-bar" max={Math.max(1, p.official)} value={Math.min(p.done, p.official)} aria-label={`${title.field}, ${title.kind}: đã phỏng vấn ${p.done} trên ${p.official}`} />
      {closed && (
        <div className="enum-offer" role="status">
          <p>
            Đã ghi: {closed.name} {CLOSED_TEXT[closed.kind]}.
          </p>
          {closed.offered ? (
            <>
              <p>
                Người dự phòng tiếp theo: <strong>{closed.offered.name}</strong> ({listLabel(closed.offered)}
                {closed.offered.address ? `, ${closed.offered.address}` : ''}).
              </p>
              <Link className="staff-btn staff-btn-primary" to={`/staff/enumerator/${campaignId}/interview/${closed.offered.entryId}`}>
                Phỏng vấn {closed.offered.name}
              </Link>
            </>
          ) : (
            closed.missing > 0 &&
            group.queue.length === 0 && <p>Danh sách dự phòng của nhóm này đã hết: báo cho người phụ trách đợt khảo sát.</p>
          )}
        </div>
      )}
      {shown.length === 0 && group.unused.length === 0 && <p className="staff-small staff-muted">Chưa có danh sách người được khảo sát cho nhóm này.</p>}
      <ol className="enum-entries">
        {shown.map((e) => (
          <RespondentRow
            key={e.entryId}
            entry={e}
            campaignId={campaignId}
            isNext={group.next?.entryId === e.entryId}
            isOffered={group.offered.includes(e)}
            actionable={isActionable(group, e.entryId)}
            asking={asking?.entryId === e.entryId ? asking.kind : null}
            onAsk={(kind) => {
              setClosed(null);
              setAsking(kind ? { entryId: e.entryId, kind } : null);
            }}
            onClose={(kind) => void close(e, kind)}
          />
        ))}
      </ol>
      {group.unused.length > 0 && p.missing > 0 && (
        <p className="staff-small staff-muted enum-unused">
          Còn {group.unused.length} người trong danh sách dự phòng, chỉ dùng khi có người từ chối hoặc không liên lạc được.
        </p>
      )}
    </section>
  );
}
