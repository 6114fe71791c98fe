import { useCallback, useState } from 'react';
import { CommentCard } from '../../../components/staff/comment-card.tsx';
import { LoadState } from '../../../components/staff/load-state.tsx';
import { fetchComments, fetchTallies, StaffApiError, type CommentFilter, type CommentItem } from '../../../services/staff-api.ts';
import { ISSUE_LABELS, LEVEL_LABELS, vietnamToday } from '../../../services/staff-format.ts';
import { useLoaded } from '../../../services/staff-load.ts';
import { useStaffUnit } from '../../../state/staff-unit.ts';

const NO_FILTER: CommentFilter = { officerId: '', fieldId: '', level: '', issue: '', handled: '' };

interface Listing {
  readonly items: CommentItem[];
  readonly nextBefore: number | null;
}

/** Comments and misconduct reports, newest first, with filters and handling notes. */
export function CommentsPage() {
  const { unit } = useStaffUnit();
  const [filter, setFilter] = useState<CommentFilter>(NO_FILTER);
  const [more, setMore] = useState<Listing | null>(null);
  const [moreError, setMoreError] = useState<string | null>(null);
  // Officer and field names for the filters: the tallies report lists them (active ones and any with data).
  const lists = useLoaded(useCallback(() => fetchTallies(unit.id, vietnamToday(), vietnamToday()), [unit.id]), unit.id);
  const load = useCallback(async (): Promise<Listing> => {
    setMore(null);
    const page = await fetchComments(unit.id, filter);
    return { items: page.comments, nextBefore: page.nextBefore };
  }, [unit.id, filter]);
  const { state, reload } = useLoaded(load, `${unit.id}|${JSON.stringify(filter)}`);
  const shown: Listing | null = more ?? (state.kind === 'ok' ? state.data : null);

  const set = (k: keyof CommentFilter) => (e: { target: { value: string } }) => setFilter((f) => ({ ...f, [k]: e.target.value }));
  async function loadMore() {
    if (!shown?.nextBefore) return;
    try {
      const page = await fetchComments(unit.id, filter, shown.nextBefore);
      setMore({ items: [...shown.items, ...page.comments], nextBefore: page.nextBefore });
    } catch (e) {
      setMoreError(e instanceof StaffApiError ? e.message : 'Chưa tải thêm được.');
    }
  }
  const officers = lists.state.kind === 'ok' ? lists.state.data.officers : [];
  const fields = lists.state.kind === 'ok' ? lists.state.data.fields.filter((f) => f.fieldId !== null) : [];

  return (
    <div className="staff-screen">
      <h1 className="staff-title">Góp ý và phản ánh tiêu cực</h1>
      <form className="filter-grid" aria-label="Lọc góp ý" onSubmit={(e) => e.preventDefault()}>
        <label className="staff-field">
          <span>Cán bộ</span>
          <select value={filter.officerId} onChange={set('officerId')}>
            <option value="">Tất cả cán bộ</option>
            {officers.map((o) => (
              <option key={o.officerId} value={o.officerId}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        <label className="staff-field">
          <span>Lĩnh vực</span>
          <select value={filter.fieldId} onChange={set('fieldId')}>
            <option value="">Tất cả lĩnh vực</option>
            {fields.map((f) => (
              <option key={f.fieldId} value={f.fieldId ?? ''}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
        <label className="staff-field">
          <span>Mức hài lòng chung</span>
          <select value={filter.level} onChange={set('level')}>
            <option value="">Tất cả các mức</option>
            {LEVEL_LABELS.map((l) => (
              <option key={l.value} value={String(l.value)}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
        <label className="staff-field">
          <span>Phản ánh</span>
          <select value={filter.issue} onChange={set('issue')}>
            <option value="">Tất cả</option>
            {Object.entries(ISSUE_LABELS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="staff-field">
          <span>Tình trạng</span>
          <select value={filter.handled} onChange={set('handled')}>
            <option value="">Tất cả</option>
            <option value="no">Chưa xử lý</option>
            <option value="yes">Đã xử lý</option>
          </select>
        </label>
      </form>
      {shown ? (
        shown.items.length === 0 ? (
          <p className="staff-empty">Không có góp ý hay phản ánh nào phù hợp.</p>
        ) : (
          <div className="comment-list">
            {shown.items.map((c) => (
              <CommentCard key={c.id} unitId={unit.id} item={c} onChanged={reload} />
            ))}
            {shown.nextBefore !== null && (
              <button type="button" className="staff-btn staff-btn-block" onClick={() => void loadMore()}>
                Xem thêm
              </button>
            )}
            {moreError && <p className="staff-error-text">{moreError}</p>}
          </div>
        )
      ) : (
        <LoadState state={state} onRetry={reload} />
      )}
    </div>
  );
}
