import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { PaperFormInput } from '../../../services/api/paper.ts';
import { StaffApiError } from '../../../services/api/staff-http.ts';
import type { FormView } from '../../../services/api/staff.ts';
import { LevelInput } from './level-input.tsx';
import { EMPTY_DRAFT, inputOf, missingQuestion, type PaperDraft } from './paper-draft.ts';

/** An officer or a field to pick on the form. */
export interface Choice {
  readonly id: string;
  readonly name: string;
}

interface Props {
  readonly form: FormView;
  readonly officers: readonly Choice[];
  readonly fields: readonly Choice[];
  /** "Phiếu số 4", "Sửa phiếu số 2". */
  readonly title: string;
  readonly initial?: PaperDraft;
  readonly submitLabel: string;
  /** Focus the first question when shown (the clerk is about to type). */
  readonly autoFocus: boolean;
  /** Saves; throws StaffApiError with the server's message when refused. Resolves to what to announce. */
  readonly onSave: (input: PaperFormInput) => Promise<string>;
  readonly onCancel?: () => void;
}

/**
 * One paper form typed with the keyboard only: a digit 1–5 per question, the officer and field,
 * the issue boxes, the comment. Tab or Enter moves on; Enter on the last box (or Ctrl+Enter
 * anywhere) saves, and the next form starts empty with the focus on its first question.
 */
export function EntryForm({ form, officers, fields, title, initial = EMPTY_DRAFT, submitLabel, autoFocus, onSave, onCancel }: Props) {
  const id = useId();
  const [draft, setDraft] = useState<PaperDraft>(initial);
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const busy = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (autoFocus) first.current?.focus();
  }, [autoFocus]);

  const set = (patch: Partial<PaperDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const focusQuestion = (key: string) => document.getElementById(`${id}-q-${key}`)?.focus();

  async function save() {
    if (busy.current) return;
    const missing = missingQuestion(form, draft);
    if (missing) {
      const no = form.questions.indexOf(missing) + 1;
      setErrors({ [missing.key]: 'Chưa nhập mức đánh giá.' });
      setMessage({ ok: false, text: `Chưa nhập câu ${no} (${missing.shortLabel}): gõ một số từ 1 đến 5.` });
      focusQuestion(missing.key);
      return;
    }
    busy.current = true;
    setMessage(null);
    try {
      const done = await onSave(inputOf(form, draft));
      setDraft(EMPTY_DRAFT);
      setErrors({});
      setMessage({ ok: true, text: done });
      first.current?.focus();
    } catch (e) {
      const err = e instanceof StaffApiError ? e : null;
      const byQuestion: Record<string, string> = {};
      for (const d of err?.details ?? []) if (d.path.startsWith('answers.')) byQuestion[d.path.slice('answers.'.length)] = d.message;
      setErrors(byQuestion);
      setMessage({ ok: false, text: err?.message ?? 'Chưa lưu được phiếu. Vui lòng thử lại.' });
      const bad = form.questions.find((q) => byQuestion[q.key]);
      if (bad) focusQuestion(bad.key);
    } finally {
      busy.current = false;
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLFormElement>) {
    if (e.key !== 'Enter' || e.altKey || e.shiftKey) return;
    const target = e.target as HTMLElement;
    if (target.tagName === 'BUTTON') return;
    e.preventDefault();
    const order = [...(formRef.current?.querySelectorAll<HTMLElement>('[data-entry]') ?? [])];
    const at = order.indexOf(target);
    if (e.ctrlKey || e.metaKey || at === order.length - 1) void save();
    else order[at + 1]?.focus();
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void save();
  }

  return (
    <form ref={formRef} className="paper-entry no-print" aria-labelledby={`${id}-title`} onSubmit={submit} onKeyDown={onKeyDown} noValidate>
      <h3 id={`${id}-title`} className="paper-entry-title">
        {title}
      </h3>
      <p className="paper-legend staff-small">
        {form.levels.map((l) => (
          <span key={l.value} className={`lc-badge badge lc-${l.value}`}>
            {l.value} = {l.label}
          </span>
        ))}
      </p>
      <div className="paper-questions">
        {form.questions.map((q, i) => (
          <LevelInput
            key={q.key}
            ref={i === 0 ? first : undefined}
            id={`${id}-q-${q.key}`}
            no={i + 1}
            question={q}
            levels={form.levels}
            value={draft.answers[q.key] ?? ''}
            error={errors[q.key] ?? null}
            onChange={(digit) => {
              setDraft((d) => ({ ...d, answers: { ...d.answers, [q.key]: digit } }));
              if (errors[q.key]) setErrors(({ [q.key]: _gone, ...rest }) => rest);
            }}
          />
        ))}
      </div>
      <div className="paper-selects">
        <label className="staff-field">
          <span>Cán bộ được đánh giá</span>
          <select data-entry="" value={draft.officerId} onChange={(e) => set({ officerId: e.target.value })}>
            <option value="">Không ghi cán bộ</option>
            {officers.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        <label className="staff-field">
          <span>Lĩnh vực</span>
          <select data-entry="" value={draft.fieldId} onChange={(e) => set({ fieldId: e.target.value })}>
            <option value="">Không ghi lĩnh vực</option>
            {fields.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {form.issues.length > 0 && (
        <fieldset className="paper-issues">
          <legend>Phản ánh tiêu cực (đánh dấu nếu phiếu có)</legend>
          {form.issues.map((issue) => (
            <label key={issue.key} className="paper-issue">
              <input
                data-entry=""
                type="checkbox"
                checked={draft.issues.includes(issue.key)}
                onChange={(e) => {
                  const on = e.target.checked;
                  setDraft((d) => ({ ...d, issues: on ? [...d.issues, issue.key] : d.issues.filter((k) => k !== issue.key) }));
                }}
              />
              {issue.label}
            </label>
          ))}
        </fieldset>
      )}
      {form.comment && (
        <label className="staff-field">
          <span>Ý kiến khác (chép nguyên văn)</span>
          <input data-entry="" type="text" maxLength={1000} enterKeyHint="done" value={draft.comment} onChange={(e) => set({ comment: e.target.value })} />
        </label>
      )}
      <p className="staff-small staff-muted paper-keys">Gõ số 1–5 cho từng câu; Tab hoặc Enter để sang ô tiếp theo; Enter ở ô cuối cùng để lưu phiếu và sang phiếu mới.</p>
      <div className="paper-entry-actions">
        <button type="submit" className="staff-btn staff-btn-primary">
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="staff-btn" onClick={onCancel}>
            Hủy sửa
          </button>
        )}
      </div>
      <p className="staff-small paper-saved" role="status">
        {message?.ok ? message.text : ''}
      </p>
      {message && !message.ok && (
        <p className="staff-error-text" role="alert">
          {message.text}
        </p>
      )}
    </form>
  );
}
