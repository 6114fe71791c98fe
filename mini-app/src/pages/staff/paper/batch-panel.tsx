import { useCallback, useState } from 'react';
import { LoadState } from '../../../components/staff/load-state.tsx';
import { addPaperForm, editPaperForm, fetchBatch, removePaperForm, type CommitResult, type PaperBatchView } from '../../../services/api/paper.ts';
import { fetchTallies, type FormView } from '../../../services/api/staff.ts';
import { useLoaded } from '../../../services/api/use-loaded.ts';
import { formatDay, vietnamToday } from '../../../services/format/staff.ts';
import { useStaffForm } from '../../../state/staff-form.ts';
import { BatchActions } from './batch-actions.tsx';
import { BatchFacts } from './batch-facts.tsx';
import { EntryForm, type Choice } from './entry-form.tsx';
import { draftOf } from './paper-draft.ts';
import { enteredWords } from './paper-words.ts';
import { TypedForms } from './typed-forms.tsx';

/** The unit's officers and fields to pick on a form: those the tallies list (active ones, and any with figures today). */
async function choicesOf(unitId: string, formKey: string): Promise<{ officers: Choice[]; fields: Choice[] }> {
  const today = vietnamToday();
  const t = await fetchTallies(unitId, today, today, formKey);
  return {
    officers: t.officers.map((o) => ({ id: o.officerId, name: o.name })),
    fields: t.fields.flatMap((f) => (f.fieldId === null ? [] : [{ id: f.fieldId, name: f.name }])),
  };
}

/**
 * One batch: its facts, the running count, the keyboard entry of its forms, the forms typed (to
 * correct or remove), the commit and the discard. `focusEntry`: the clerk just opened or chose
 * it, so the first question takes the focus.
 */
export function BatchPanel({
  unitId,
  batchId,
  names,
  canEnter,
  focusEntry,
  onChanged,
}: {
  readonly unitId: string;
  readonly batchId: string;
  readonly names: ReadonlyMap<string, string>;
  /** The unit's own staff enter its forms; others only read. */
  readonly canEnter: boolean;
  readonly focusEntry: boolean;
  readonly onChanged: () => void;
}) {
  const { state, reload } = useLoaded(useCallback(() => fetchBatch(unitId, batchId), [unitId, batchId]), `${unitId}|${batchId}`);
  const { forms } = useStaffForm();
  const batch = state.kind === 'ok' ? state.data : null;
  const form = batch ? forms.find((f) => f.key === batch.formKey) : undefined;
  const choices = useLoaded(useCallback(() => (batch ? choicesOf(unitId, batch.formKey) : Promise.resolve(null)), [unitId, batch?.formKey]), `${unitId}|${batch?.formKey ?? ''}`).state;

  if (!batch) return <LoadState state={state} onRetry={reload} />;
  const people = choices.kind === 'ok' && choices.data ? choices.data : { officers: [], fields: [] };
  return (
    <section className="report-card paper-batch" aria-labelledby="paper-batch-h" data-batch-id={batch.id} data-status={batch.status}>
      <h2 id="paper-batch-h">Hòm phiếu mở ngày {formatDay(batch.openedOn)}</h2>
      <BatchFacts batch={batch} names={names} />
      {form ? (
        <BatchWork batch={batch} form={form} officers={people.officers} fields={people.fields} unitId={unitId} canEnter={canEnter} focusEntry={focusEntry} reload={reload} onChanged={onChanged} />
      ) : (
        <LoadState state={forms.length === 0 ? { kind: 'loading' } : { kind: 'error', message: `Không đọc được mẫu phiếu "${batch.formKey}" của đợt này.` }} />
      )}
    </section>
  );
}

function BatchWork({
  batch,
  form,
  officers,
  fields,
  unitId,
  canEnter,
  focusEntry,
  reload,
  onChanged,
}: {
  readonly batch: PaperBatchView;
  readonly form: FormView;
  readonly officers: readonly Choice[];
  readonly fields: readonly Choice[];
  readonly unitId: string;
  readonly canEnter: boolean;
  readonly focusEntry: boolean;
  readonly reload: () => void;
  readonly onChanged: () => void;
}) {
  const [editing, setEditing] = useState<number | null>(null);
  const [filled, setFilled] = useState(false);
  // Once the clerk has saved or left a correction, the next form takes the focus when it shows.
  const [typing, setTyping] = useState(false);
  const [committed, setCommitted] = useState<CommitResult | null>(null);
  const open = batch.status === 'open' || batch.status === 'committing';
  const editable = open && canEnter;
  const full = batch.entered >= batch.expectedForms;
  const refresh = () => {
    reload();
    onChanged();
  };
  const next = Math.max(0, ...batch.forms.map((f) => f.formNo)) + 1;
  const edited = editing === null ? undefined : batch.forms.find((f) => f.formNo === editing);

  const entry = !editable ? null : edited ? (
    <EntryForm
      key={`edit-${edited.formNo}`}
      form={form}
      officers={officers}
      fields={fields}
      title={`Sửa phiếu số ${edited.formNo}`}
      initial={draftOf(edited)}
      submitLabel="Lưu sửa đổi"
      autoFocus
      onSave={async (input) => {
        await editPaperForm(unitId, batch.id, edited.formNo, input);
        setTyping(true);
        setEditing(null);
        refresh();
        return `Đã sửa phiếu số ${edited.formNo}.`;
      }}
      onCancel={() => {
        setTyping(true);
        setEditing(null);
      }}
    />
  ) : !full ? (
    <EntryForm
      key="new"
      form={form}
      officers={officers}
      fields={fields}
      title={`Phiếu số ${next}`}
      submitLabel="Lưu phiếu"
      autoFocus={focusEntry || typing}
      onSave={async (input) => {
        const r = await addPaperForm(unitId, batch.id, input);
        setFilled(r.entered >= batch.expectedForms);
        refresh();
        return `Đã lưu phiếu số ${r.formNo}. ${enteredWords(r.entered, batch.expectedForms)}.`;
      }}
    />
  ) : (
    <p className="paper-full">Đã nhập đủ số phiếu trong hòm. Muốn sửa một phiếu, bấm “Sửa” ở danh sách.</p>
  );

  return (
    <>
      {committed && committed.alerts > 0 && (
        <p className="staff-notice" role="status">
          Sau khi ghi, {committed.alerts} cán bộ vượt ngưỡng không hài lòng trong kỳ: đã gửi cảnh báo (xem màn hình Cảnh báo).
        </p>
      )}
      <div className={`paper-work${entry ? '' : ' is-single'}`}>
        {entry && <div className="paper-work-entry">{entry}</div>}
        <div className="paper-work-list">
          <h3 className="paper-list-title">Các phiếu đã nhập ({batch.forms.length})</h3>
          <TypedForms
            forms={batch.forms}
            form={form}
            officers={officers}
            fields={fields}
            editable={editable}
            editing={editing}
            onEdit={setEditing}
            onRemove={async (formNo) => {
              await removePaperForm(unitId, batch.id, formNo);
              if (editing === formNo) setEditing(null);
              refresh();
            }}
          />
          {editable && (
            <BatchActions
              unitId={unitId}
              batch={batch}
              focusCommit={filled}
              onDone={(result) => {
                if (result) setCommitted(result);
                refresh();
              }}
            />
          )}
        </div>
      </div>
    </>
  );
}
