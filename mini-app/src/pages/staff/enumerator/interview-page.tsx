import { useMemo, useReducer, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { CommentBox } from '../../../components/rating/comment-box.tsx';
import { FormSections } from '../../../components/rating/form-sections.tsx';
import { IssueList } from '../../../components/rating/issue-list.tsx';
import type { EnumeratorDay, SyncOp } from '../../../services/api/campaigns.ts';
import { newOpId } from '../../../services/offline/enumerator-instance.ts';
import { pendingOps } from '../../../services/offline/enumerator-store.ts';
import { groupEntries, groupOf, isActionable, withLocalOps } from '../../../state/enumerator-day.ts';
import { formLayout, questionOrder } from '../../../state/form-layout.ts';
import { emptyForm, isMandatory, ratingFormReducer, type RatingFormState } from '../../../state/rating-form.ts';
import { useCampaignRecord, useEnumerator } from './enumerator-context.ts';
import { groupTitle, listLabel, STATUS_LABELS } from './enumerator-words.ts';

/**
 * The interview: the campaign's form drawn by the citizen's own form components. The
 * respondent's name is on this header only; the op kept on the device carries the list entry's
 * id and the answers, never the name.
 */
export function InterviewPage() {
  const { campaignId = '', entryId = '' } = useParams();
  const record = useCampaignRecord(campaignId);
  const day = record?.day ?? null;
  const found = useMemo(() => {
    if (!record?.day) return null;
    const ops = pendingOps(record);
    for (const unit of record.day.units) {
      const entries = withLocalOps(unit.entries, ops);
      const entry = entries.find((e) => e.entryId === entryId);
      if (entry) {
        const group = groupOf(groupEntries(record.day, entries, unit.quotas), entryId);
        return { unit, entry, actionable: !!group && isActionable(group, entryId) };
      }
    }
    return null;
  }, [record, entryId]);

  const back = `/staff/enumerator/${campaignId}${found ? `?unit=${found.unit.unitId}` : ''}`;
  if (record === null) {
    return (
      <p className="staff-status" role="status">
        <span className="staff-spinner" aria-hidden="true" /> Đang đọc dữ liệu trên máy…
      </p>
    );
  }
  if (!day || !found || !found.actionable) {
    return (
      <div className="staff-screen enum-screen">
        <h1 className="staff-title">Phỏng vấn</h1>
        <p className="staff-empty">
          {found ? `${found.entry.name}: ${STATUS_LABELS[found.entry.status].toLocaleLowerCase('vi-VN')}, không phỏng vấn thêm.` : 'Không tìm thấy người này trong danh sách trên máy.'}{' '}
          <Link to={back}>Về danh sách</Link>
        </p>
      </div>
    );
  }
  const title = groupTitle(day, found.entry.fieldKey, found.entry.respondentKind);
  return (
    <div className="staff-screen enum-screen enum-interview-screen">
      <p className="enum-back no-print">
        <Link to={back}>‹ Về danh sách</Link>
      </p>
      <header className="enum-interview-head">
        <p className="staff-small enum-interview-kicker">Phỏng vấn · {listLabel(found.entry)}</p>
        <h1 className="staff-title">{found.entry.name}</h1>
        <p className="staff-small">
          {found.unit.name} · {title.field} · {title.kind}
          {found.entry.address ? ` · ${found.entry.address}` : ''}
        </p>
      </header>
      <InterviewForm key={entryId} campaignId={campaignId} entryId={entryId} form={day.form} back={back} name={found.entry.name} />
    </div>
  );
}

function InterviewForm({ campaignId, entryId, form, back, name }: { readonly campaignId: string; readonly entryId: string; readonly form: EnumeratorDay['form']; readonly back: string; readonly name: string }) {
  const { store, sync } = useEnumerator();
  const navigate = useNavigate();
  // The opId is made once, with the form: a second press of "Lưu phiếu" keeps the same op.
  const [state, dispatch] = useReducer(ratingFormReducer, undefined, () => emptyForm(newOpId()));
  const [saving, setSaving] = useState(false);
  const layout = useMemo(() => formLayout(form), [form]);
  const order = useMemo(() => questionOrder(layout), [layout]);
  const missing = form.questions.filter((q) => isMandatory(q) && state.answers[q.key] === undefined);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    dispatch({ type: 'tried' });
    const first = order.find((key) => missing.some((q) => q.key === key));
    if (first) {
      const block = document.getElementById(`q-${first}`);
      block?.scrollIntoView?.({ behavior: 'smooth', block: 'center' });
      block?.querySelector<HTMLElement>('[role="radio"]')?.focus({ preventScroll: true });
      return;
    }
    setSaving(true);
    await store.addOp(campaignId, toOp(form, state, entryId));
    if (navigator.onLine !== false) void sync.sync(campaignId);
    navigate(back, { state: { saved: `Đã lưu phiếu của ${name} trên máy.` } });
  }

  return (
    <form className="rating-form enum-form" noValidate onSubmit={(e) => void save(e)}>
      <FormSections
        layout={layout}
        levels={form.levels}
        answers={state.answers}
        showMissing={state.triedToSend}
        onChange={(key, value) => dispatch({ type: 'answer', key, value })}
        onClear={(key) => dispatch({ type: 'clear', key })}
      />
      {form.issues.length > 0 && (
        <div className="card">
          <IssueList issues={form.issues} checked={state.issues} onChange={(key, checked) => dispatch({ type: 'issue', key, checked })} />
        </div>
      )}
      {form.comment !== false && (
        <div className="card">
          <CommentBox value={state.comment} onChange={(text) => dispatch({ type: 'comment', text })} />
        </div>
      )}
      <div className="enum-save-bar">
        {state.triedToSend && missing.length > 0 && (
          <p className="staff-error-text" role="alert">
            Còn {missing.length} câu bắt buộc chưa chọn mức đánh giá.
          </p>
        )}
        <p className="staff-small staff-muted">Phiếu được lưu trên máy, không kèm tên người được phỏng vấn, và gửi khi có mạng.</p>
        <div className="enum-entry-actions">
          <button type="submit" className="staff-btn staff-btn-primary enum-save" disabled={saving}>
            {saving ? 'Đang lưu…' : 'Lưu phiếu'}
          </button>
          <Link className="staff-btn" to={back}>
            Huỷ
          </Link>
        </div>
      </div>
    </form>
  );
}

/** The op of a filled form: the entry, the answers in the form's keys, issues and comment when given. */
export function toOp(form: EnumeratorDay['form'], state: RatingFormState, entryId: string, at = new Date()): SyncOp {
  const answers: Record<string, number> = {};
  for (const q of form.questions) {
    const level = state.answers[q.key];
    if (level !== undefined) answers[q.key] = level;
  }
  const issues = form.issues.map((i) => i.key).filter((key) => state.issues.includes(key));
  const comment = state.comment.trim();
  return {
    opId: state.clientId,
    kind: 'response',
    entryId,
    answers,
    ...(issues.length > 0 ? { issues } : {}),
    ...(comment ? { comment } : {}),
    at: at.toISOString(),
  };
}
