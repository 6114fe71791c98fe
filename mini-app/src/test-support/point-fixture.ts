import type { PublicPoint } from '../services/api-types.ts';

const form: PublicPoint['form'] = {
  key: 'counter',
  version: 1,
  title: 'Đánh giá sự hài lòng tại Bộ phận tiếp nhận và trả kết quả',
  levels: [
    { value: 5, label: 'Rất hài lòng' },
    { value: 4, label: 'Hài lòng' },
    { value: 3, label: 'Bình thường' },
    { value: 2, label: 'Không hài lòng' },
    { value: 1, label: 'Rất không hài lòng' },
  ],
  questions: [
    { key: 'overall', label: 'Nhìn chung, Ông/Bà hài lòng với sự phục vụ của cơ quan và cán bộ, công chức ở mức nào?' },
    { key: 'access', label: 'Tiếp cận dịch vụ: gặp cán bộ, công chức và tìm hiểu thủ tục hành chính' },
    { key: 'attitude', label: 'Thái độ của cán bộ, công chức khi tiếp xúc, giải quyết công việc' },
    { key: 'responsibility', label: 'Tinh thần trách nhiệm của cán bộ, công chức khi tiếp xúc, giải quyết công việc' },
    { key: 'guidance', label: 'Cách thức hướng dẫn, làm việc của cán bộ, công chức' },
  ],
  issues: [
    { key: 'harassment', label: 'Cán bộ, công chức có biểu hiện nhũng nhiễu, gây phiền hà' },
    { key: 'extra_cost', label: 'Phải trả chi phí ngoài quy định' },
    { key: 'negative_conduct', label: 'Có biểu hiện tiêu cực khác' },
  ],
};

/** A counter point: the citizen may choose the officer. */
export const COUNTER_POINT: PublicPoint = {
  unit: { id: 'unit-1', code: 'xa-nam-dong', name: 'UBND xã Nam Đông' },
  point: { id: 'point-1', label: 'Quầy một cửa' },
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
};

/** An officer's desk point. */
export const DESK_POINT: PublicPoint = {
  ...COUNTER_POINT,
  officer: { id: 'off-1', name: 'Nguyễn Thị Lan', title: 'Công chức Tư pháp – Hộ tịch' },
  officers: [{ id: 'off-1', name: 'Nguyễn Thị Lan', title: 'Công chức Tư pháp – Hộ tịch' }],
};
