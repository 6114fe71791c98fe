import { useStaffForm } from '../../state/staff-form.ts';
import './form-picker.css';

/** "Phiếu khảo sát": which of the unit's forms the screen shows; nothing when the unit uses one form only. */
export function FormPicker() {
  const { forms, form, setFormKey } = useStaffForm();
  if (forms.length < 2 || !form) return null;
  return (
    <label className="staff-field form-pick">
      <span>Phiếu khảo sát</span>
      <select value={form.key} onChange={(e) => setFormKey(e.target.value)}>
        {forms.map((f) => (
          <option key={f.key} value={f.key}>
            {f.title}
          </option>
        ))}
      </select>
    </label>
  );
}
