import { Checkbox } from 'zmp-ui';
import type { FormItem } from '../../services/api/types.ts';

export interface IssueListProps {
  readonly issues: readonly FormItem[];
  readonly checked: readonly string[];
  readonly onChange: (key: string, checked: boolean) => void;
}

/** "Các ý kiến khác": negative-conduct checkboxes, labels verbatim from the form. */
export function IssueList({ issues, checked, onChange }: IssueListProps) {
  return (
    <fieldset className="issue-list">
      <legend className="section-title">Ý kiến khác (nếu có)</legend>
      <p className="section-hint">Đánh dấu nếu Ông/Bà gặp một trong các trường hợp sau:</p>
      {issues.map((issue) => (
        <Checkbox
          key={issue.key}
          className="issue"
          value={issue.key}
          name="issues"
          label={issue.label}
          checked={checked.includes(issue.key)}
          onChange={(event: { target: { checked: boolean } }) => onChange(issue.key, event.target.checked)}
        />
      ))}
    </fieldset>
  );
}
