import { useCallback, useState } from 'react';
import { CommentCard } from '../../../components/staff/comment-card.tsx';
import { FormPicker } from '../../../components/staff/form-picker.tsx';
import { LoadState } from '../../../components/staff/load-state.tsx';
import { fetchUnitStaff } from '../../../services/api/cases.ts';
import { fetchComments, fetchTallies, StaffApiError, type CommentFilter, type CommentItem, type FormView } from '../../../services/api/staff.ts';
import { LEVEL_LABELS, vietnamToday } from '../../../services/format/staff.ts';
import { useLoaded } from '../../../services/api/use-loaded.ts';
import { useStaffForm } from '../../../state/staff-form.ts';
import { useStaffUnit } from '../../../state/staff-unit.ts';

const NO_FILTER: CommentFilter = { officerId: '', fieldId: '', level: '', issue: '', handled: '' };

interface Listing {
  readonly form: FormView;
  readonly items: CommentItem[];
  readonly nextBefore: number | null;
}

/** Comments and misconduct reports of the chosen form, newest first, with filters; cases decided in place. */
export function CommentsPage() {
  const { unit } = useStaffUnit();
  const { form, formKey } = useStaffForm();
  return (
    <div className="staff-screen">
      <h1 className="staff-title">Góp ý và phản ánh tiêu cực</h1>
      <FormPicker />
      {/* The filters hold one unit's officers and one form's issues: another unit or form starts unfiltered. */}
      <CommentsList key={`${unit.id}|${formKey ?? ''}`} unitId={unit.id} formKey={formKey} chosenForm={form} />
    </div>
  );
}

function CommentsList({ unitId, formKey, chosenForm }: { readonly unitId: string; readonly formKey: string | undefined; readonly chosenForm: FormView | null }) {
  const [filter, setFilter] = useState<CommentFilter>(NO_FILTER);
  const [more, setMore] = useState<Listing | null>(null);
  const [moreError, setMoreError] = useState<string | null>(null);
  // Officer and field names for the filters: the tallies report lists them (active ones and any with data).
  const lists = useLoaded(useCallback(() => fetchTallies(unitId, vietnamToday(), vietnamToday(), formKey), [unitId, formKey]), `${unitId}|${formKey ?? ''}`);
  const load = useCallback(async (): Promise<Listing> => {
    setMore(null);
    const page = await fetchComments(unitId, formKey, filter);
    return { form: page.form, items: page.comments, nextBefore: page.nextBefore };
  }, [unitId, formKey, filter]);
  const { state, reload } = useLoaded(load, `${unitId}|${formKey ?? ''}|${JSON.stringify(filter)}`);
  // Who may own a case; without the list, cases are decided without changing the owner.
  const staffList = useLoaded(useCallback(() => fetchUnitStaff(unitId), [unitId]), unitId).state;
  const staff = staffList.kind === 'ok' ? staffList.data : null;
  const shown: Listing | null = more ?? (state.kind === 'ok' ? state.data : null);
  // Labels from the comments response's form; while it loads, from the chosen form (the same one).
  const form = shown?.form ?? chosenForm;
  const overall = form?.questions.find((q) => q.key === form.overallKey);

  const set = (k: keyof CommentFilter) => (e: { target: { value: string } }) => setFilter((f) => ({ ...f, [k]: e.target.value }));
  async function loadMore() {
    if (!shown?.nextBefore) return;
    try {
      const page = await fetchComments(unitId, formKey, filter, shown.nextBefore);
      setMore({ form: page.form, items: [...shown.items, ...page.comments], nextBefore: page.nextBefore });
    } catch (e) {
      setMoreError(e instanceof StaffApiError ? e.message : 'Chưa tải thêm được.');
    }
  }
  const officers = lists.state.kind === 'ok' ? lists.state.data.officers : [];
  const fields = lists.state.kind === 'ok' ? lists.state.data.fields.filter((f) => f.fieldId !== null) : [];
  const issues = form?.issues ?? [];

  return (
    <>
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
          <span>{overall?.shortLabel ?? 'Mức đánh giá chung'}</span>
          <select value={filter.level} onChange={set('level')}>
            <option value="">Tất cả các mức</option>
            {(form?.levels ?? LEVEL_LABELS).map((l) => (
              <option key={l.value} value={String(l.value)}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
        {issues.length > 0 && (
          <label className="staff-field">
            <span>Phản ánh</span>
            <select value={filter.issue} onChange={set('issue')}>
              <option value="">Tất cả</option>
              {issues.map((i) => (
                <option key={i.key} value={i.key}>
                  {i.label}
                </option>
              ))}
            </select>
          </label>
        )}
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
              <CommentCard key={c.id} unitId={unitId} item={c} form={shown.form} staff={staff} onChanged={reload} />
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
    </>
  );
}
