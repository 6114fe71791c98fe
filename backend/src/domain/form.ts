/**
 * Form definitions. A response stores its form key + version and its answers as a
 * key → level map, so a later form (e.g. the 19-item town survey of seed 000) needs
 * new definitions here, never new tables or changes to stored rows.
 */
import { LEVELS } from './levels.ts';

export interface FormQuestion {
  readonly key: string;
  readonly label: string;
  /** Aspect/criterion group, for forms that group items (seed 000 §III.3). */
  readonly group?: string;
}

export interface FormIssue {
  readonly key: string;
  readonly label: string;
}

export interface FormDefinition {
  readonly key: string;
  readonly version: number;
  readonly title: string;
  readonly levels: typeof LEVELS;
  readonly questions: readonly FormQuestion[];
  readonly issues: readonly FormIssue[];
  /** The question whose levels decide satisfaction and the 25 % flag (R1.5). */
  readonly overallKey: string;
}

/** The counter form, version 1: seed 004 §III.1 criteria plus the general question (§III.5). */
export const COUNTER_FORM_V1 = {
  key: 'counter',
  version: 1,
  title: 'Đánh giá sự hài lòng tại Bộ phận tiếp nhận và trả kết quả',
  levels: LEVELS,
  overallKey: 'overall',
  questions: [
    {
      key: 'overall',
      label: 'Nhìn chung, Ông/Bà hài lòng với sự phục vụ của cơ quan và cán bộ, công chức ở mức nào?',
    },
    { key: 'access', label: 'Tiếp cận dịch vụ: gặp cán bộ, công chức và tìm hiểu thủ tục hành chính' },
    { key: 'attitude', label: 'Thái độ của cán bộ, công chức khi tiếp xúc, giải quyết công việc' },
    {
      key: 'responsibility',
      label: 'Tinh thần trách nhiệm của cán bộ, công chức khi tiếp xúc, giải quyết công việc',
    },
    { key: 'guidance', label: 'Cách thức hướng dẫn, làm việc của cán bộ, công chức' },
  ],
  issues: [
    { key: 'harassment', label: 'Cán bộ, công chức có biểu hiện nhũng nhiễu, gây phiền hà' },
    { key: 'extra_cost', label: 'Phải trả chi phí ngoài quy định' },
    { key: 'negative_conduct', label: 'Có biểu hiện tiêu cực khác' },
  ],
} as const satisfies FormDefinition;

export type CounterQuestionKey = (typeof COUNTER_FORM_V1.questions)[number]['key'];
export type IssueKey = (typeof COUNTER_FORM_V1.issues)[number]['key'];

export const COUNTER_QUESTION_KEYS = COUNTER_FORM_V1.questions.map((q) => q.key) as [
  CounterQuestionKey,
  ...CounterQuestionKey[],
];
export const ISSUE_KEYS = COUNTER_FORM_V1.issues.map((i) => i.key) as [IssueKey, ...IssueKey[]];

export const FORMS: readonly FormDefinition[] = [COUNTER_FORM_V1];

export function findForm(key: string, version: number): FormDefinition | undefined {
  return FORMS.find((f) => f.key === key && f.version === version);
}

/** Default fields (lĩnh vực) created with every unit. */
export const DEFAULT_FIELDS = [
  'Tư pháp – Hộ tịch',
  'Chứng thực',
  'Đất đai – Tài nguyên môi trường',
  'Lao động – Thương binh và Xã hội',
  'Xây dựng',
  'Khác',
] as const;
