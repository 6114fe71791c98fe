import type { PublicPoint } from '../services/api/types.ts';

type Form = PublicPoint['form'];
type Question = Form['questions'][number];

const LEVELS: Form['levels'] = [
  { value: 5, label: 'Rất hài lòng' },
  { value: 4, label: 'Hài lòng' },
  { value: 3, label: 'Bình thường' },
  { value: 2, label: 'Không hài lòng' },
  { value: 1, label: 'Rất không hài lòng' },
];

/** A question as GET /api/public/points/:token sends it (nulls where the form says nothing). */
function q(key: string, label: string, more: Partial<Omit<Question, 'key' | 'label'>> = {}): Question {
  return { key, label, shortLabel: label, help: null, group: null, mandatory: true, ...more };
}

/** The built-in counter form, version 1: five mandatory questions, no groups, three issues. */
const form: Form = {
  key: 'counter',
  version: 1,
  title: 'Đánh giá sự hài lòng tại Bộ phận tiếp nhận và trả kết quả',
  overallKey: 'overall',
  comment: true,
  levels: LEVELS,
  questions: [
    q('overall', 'Nhìn chung, Ông/Bà hài lòng với sự phục vụ của cơ quan và cán bộ, công chức ở mức nào?'),
    q('access', 'Tiếp cận dịch vụ: gặp cán bộ, công chức và tìm hiểu thủ tục hành chính'),
    q('attitude', 'Thái độ của cán bộ, công chức khi tiếp xúc, giải quyết công việc'),
    q('responsibility', 'Tinh thần trách nhiệm của cán bộ, công chức khi tiếp xúc, giải quyết công việc'),
    q('guidance', 'Cách thức hướng dẫn, làm việc của cán bộ, công chức'),
  ],
  groups: [],
  issues: [
    { key: 'harassment', label: 'Cán bộ, công chức có biểu hiện nhũng nhiễu, gây phiền hà' },
    { key: 'extra_cost', label: 'Phải trả chi phí ngoài quy định' },
    { key: 'negative_conduct', label: 'Có biểu hiện tiêu cực khác' },
  ],
};

/** A counter point: the citizen may choose the officer. */
export const COUNTER_POINT: PublicPoint = {
  unit: { id: 'unit-1', code: 'xa-nam-dong', name: 'UBND xã Nam Đông' },
  point: { id: 'point-1', label: 'Quầy một cửa', kind: 'counter', kioskIdleSeconds: null },
  officer: null,
  officers: [
    { id: 'off-1', name: 'Nguyễn Thị Lan', title: 'Công chức Tư pháp – Hộ tịch' },
    { id: 'off-2', name: 'Trần Văn Hùng', title: null },
  ],
  fields: [
    { id: 'f-1', name: 'Tư pháp – Hộ tịch' },
    { id: 'f-2', name: 'Chứng thực' },
  ],
  form,
  // Not a receipt ticket (those pre-set the officer and field: pages/rate/ticket-form.test.tsx).
  ticket: null,
  preset: null,
};

/** An officer's desk point. */
export const DESK_POINT: PublicPoint = {
  ...COUNTER_POINT,
  officer: { id: 'off-1', name: 'Nguyễn Thị Lan', title: 'Công chức Tư pháp – Hộ tịch' },
  officers: [{ id: 'off-1', name: 'Nguyễn Thị Lan', title: 'Công chức Tư pháp – Hộ tịch' }],
};

/**
 * Like the built-in SIPAS form, shortened: a general question first, then two aspects with four
 * factors; the policy items are optional, the service items mandatory; no issues. Version 3, so a
 * test can tell the version sent from a default.
 */
const sipasForm: Form = {
  key: 'sipas',
  version: 3,
  title: 'Phiếu khảo sát sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước',
  overallKey: 'overall',
  comment: true,
  levels: LEVELS,
  groups: [
    { key: 'chinh_sach', label: 'Khía cạnh 1. Việc xây dựng, tổ chức thực hiện chính sách', parent: null },
    { key: 'cs_thong_tin', label: 'Cung cấp thông tin về chính sách cho người dân', parent: 'chinh_sach' },
    { key: 'cs_chat_luong', label: 'Chất lượng chính sách', parent: 'chinh_sach' },
    { key: 'dich_vu', label: 'Khía cạnh 2. Việc cung ứng dịch vụ hành chính công', parent: null },
    { key: 'dv_tiep_can', label: 'Tiếp cận dịch vụ', parent: 'dich_vu' },
    { key: 'dv_cong_chuc', label: 'Công chức giải quyết công việc', parent: 'dich_vu' },
  ],
  questions: [
    q('overall', 'Nhìn chung, Ông/Bà hài lòng với sự phục vụ của cơ quan hành chính nhà nước ở mức nào?'),
    q('cs1', 'Thông tin về chính sách được cung cấp đầy đủ, dễ hiểu', { group: 'cs_thong_tin', mandatory: false }),
    q('cs2', 'Người dân dễ dàng phản hồi ý kiến về chính sách', {
      group: 'cs_thong_tin',
      mandatory: false,
      help: 'Nếu Ông/Bà chưa từng góp ý về chính sách, có thể bỏ qua câu này.',
    }),
    q('cs3', 'Chính sách của địa phương phù hợp với thực tế, nhu cầu của người dân', { group: 'cs_chat_luong', mandatory: false }),
    q('dv1', 'Thông tin về giải quyết thủ tục hành chính dễ tiếp cận, dễ hiểu', { group: 'dv_tiep_can' }),
    q('dv2', 'Nơi tiếp nhận và trả kết quả có biển hiệu, hướng dẫn rõ ràng', { group: 'dv_tiep_can' }),
    q('dv3', 'Công chức có thái độ giao tiếp lịch sự, tôn trọng người dân', { group: 'dv_cong_chuc' }),
    q('dv4', 'Công chức hướng dẫn hồ sơ dễ hiểu', { group: 'dv_cong_chuc' }),
  ],
  issues: [],
};

/** A counter point serving the SIPAS-like form. */
export const SIPAS_POINT: PublicPoint = { ...COUNTER_POINT, point: { id: 'point-3', label: 'Quầy khảo sát SIPAS', kind: 'counter', kioskIdleSeconds: null }, form: sipasForm };
