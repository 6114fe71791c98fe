import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { fetchForms, type FormView } from '../services/api/staff.ts';
import { useLoaded } from '../services/api/use-loaded.ts';

/** The questionnaire the staff screens show, for a unit that uses more than one (counter form, SIPAS…). */
export interface StaffFormState {
  /** The unit's forms, the counter form first; empty until loaded (or when the list failed). */
  readonly forms: readonly FormView[];
  /** The chosen form, null until the list is loaded. */
  readonly form: FormView | null;
  /**
   * The `form` to send with each call: undefined for the unit's first form, which is the one the
   * server reads when none is named. So a screen's first call need not wait for the list, and
   * does not run again when the list arrives.
   */
  readonly formKey: string | undefined;
  readonly setFormKey: (key: string) => void;
}

export const StaffFormContext = createContext<StaffFormState | null>(null);

export function useStaffForm(): StaffFormState {
  const v = useContext(StaffFormContext);
  if (!v) throw new Error('useStaffForm outside StaffFormContext');
  return v;
}

/**
 * The form choice of the signed-in screens, like the unit choice: component state, opened from a
 * link's `?form=` when it has one; a form the unit does not use falls back to the first.
 */
export function useFormChoice(unitId: string | null, linked: string | null): StaffFormState {
  const load = useCallback(async () => (unitId ? fetchForms(unitId) : []), [unitId]);
  const { state } = useLoaded(load, unitId ?? '');
  const [chosen, setChosen] = useState<string | null>(linked);
  useEffect(() => {
    if (linked) setChosen(linked);
  }, [linked]);
  return useMemo(() => {
    if (state.kind !== 'ok') return { forms: [], form: null, formKey: chosen ?? undefined, setFormKey: setChosen };
    const forms = state.data;
    const form = forms.find((f) => f.key === chosen) ?? forms[0] ?? null;
    return { forms, form, formKey: form && form !== forms[0] ? form.key : undefined, setFormKey: setChosen };
  }, [state, chosen]);
}
