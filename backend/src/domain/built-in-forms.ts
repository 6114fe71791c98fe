/**
 * The forms every installation has. They are stored like any other form (the server adds them
 * to the database at start when missing) and, once they have responses, never change: a change
 * is a new version, added through the admin API or `forms import`. built-in-forms.test.ts pins
 * their content.
 */
import type { FormDefinition } from './form.ts';

/** The counter form, version 1: seed 004 §III.1 criteria plus the general question (§III.5). */
export const COUNTER_FORM_V1: FormDefinition = {
  key: 'counter',
  version: 1,
  title: 'Đánh giá sự hài lòng tại Bộ phận tiếp nhận và trả kết quả',
  overallKey: 'overall',
  comment: true,
  groups: [],
  questions: [
    {
      key: 'overall',
      label: 'Nhìn chung, Ông/Bà hài lòng với sự phục vụ của cơ quan và cán bộ, công chức ở mức nào?',
      shortLabel: 'Hài lòng chung',
      mandatory: true,
    },
    { key: 'access', label: 'Tiếp cận dịch vụ: gặp cán bộ, công chức và tìm hiểu thủ tục hành chính', shortLabel: 'Tiếp cận dịch vụ', mandatory: true },
    { key: 'attitude', label: 'Thái độ của cán bộ, công chức khi tiếp xúc, giải quyết công việc', shortLabel: 'Thái độ của cán bộ, công chức', mandatory: true },
    {
      key: 'responsibility',
      label: 'Tinh thần trách nhiệm của cán bộ, công chức khi tiếp xúc, giải quyết công việc',
      shortLabel: 'Tinh thần trách nhiệm',
      mandatory: true,
    },
    { key: 'guidance', label: 'Cách thức hướng dẫn, làm việc của cán bộ, công chức', shortLabel: 'Cách thức hướng dẫn, làm việc', mandatory: true },
  ],
  issues: [
    { key: 'harassment', label: 'Cán bộ, công chức có biểu hiện nhũng nhiễu, gây phiền hà' },
    { key: 'extra_cost', label: 'Phải trả chi phí ngoài quy định' },
    { key: 'negative_conduct', label: 'Có biểu hiện tiêu cực khác' },
  ],
};

/**
 * The SIPAS questionnaire of seed 000 §III.3 (Kinh Môn, 2023): aspect 1, policy making and
 * implementation (4 factors, 7 items); aspect 2, public administrative service delivery (5
 * factors, 12 items), each item on the five levels, plus the general question that every form
 * has for the 25 % rule and the satisfied share. The seed names the aspects and factors but not
 * the items ("có mẫu phiếu kèm theo", not attached): the item wording follows the Ministry of
 * Home Affairs' SIPAS questionnaire as publicly transcribed; where the ministry's form has more
 * items than the seed's 7 + 12, related items are merged (docs: the SIPAS index). Policy items
 * may be left blank (many citizens cannot judge a policy); service items are mandatory.
 */
export const SIPAS_FORM_V1: FormDefinition = {
  key: 'sipas',
  version: 1,
  title: 'Phiếu khảo sát sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước',
  overallKey: 'overall',
  comment: true,
  groups: [
    { key: 'chinh_sach', label: 'Khía cạnh 1. Việc xây dựng, tổ chức thực hiện chính sách' },
    { key: 'cs_thong_tin', label: 'Cung cấp thông tin về chính sách cho người dân', parent: 'chinh_sach' },
    { key: 'cs_tham_gia', label: 'Sự tham gia của người dân vào xây dựng, tổ chức thực hiện chính sách', parent: 'chinh_sach' },
    { key: 'cs_chat_luong', label: 'Chất lượng chính sách', parent: 'chinh_sach' },
    { key: 'cs_ket_qua', label: 'Kết quả, tác động của chính sách', parent: 'chinh_sach' },
    { key: 'dich_vu', label: 'Khía cạnh 2. Việc cung ứng dịch vụ hành chính công' },
    { key: 'dv_tiep_can', label: 'Tiếp cận dịch vụ', parent: 'dich_vu' },
    { key: 'dv_thu_tuc', label: 'Thủ tục hành chính', parent: 'dich_vu' },
    { key: 'dv_cong_chuc', label: 'Công chức giải quyết công việc', parent: 'dich_vu' },
    { key: 'dv_ket_qua', label: 'Kết quả dịch vụ', parent: 'dich_vu' },
    { key: 'dv_phan_anh', label: 'Tiếp nhận, xử lý phản ánh, kiến nghị của người dân', parent: 'dich_vu' },
  ],
  questions: [
    {
      key: 'overall',
      label: 'Nhìn chung, Ông/Bà hài lòng với sự phục vụ của cơ quan hành chính nhà nước ở mức nào?',
      shortLabel: 'Hài lòng chung',
      mandatory: true,
    },
    {
      key: 'cs1',
      group: 'cs_thong_tin',
      label: 'Cơ quan nhà nước cung cấp, giải thích thông tin về chính sách theo nhiều hình thức, giúp người dân dễ tìm, dễ thấy',
      shortLabel: 'Thông tin chính sách dễ tìm',
      mandatory: false,
    },
    { key: 'cs2', group: 'cs_thong_tin', label: 'Thông tin về chính sách được cung cấp đầy đủ, dễ hiểu', shortLabel: 'Thông tin đầy đủ, dễ hiểu', mandatory: false },
    {
      key: 'cs3',
      group: 'cs_tham_gia',
      label: 'Cơ quan nhà nước lấy ý kiến người dân về chính sách theo nhiều hình thức, giúp người dân góp ý dễ dàng',
      shortLabel: 'Lấy ý kiến người dân',
      mandatory: false,
    },
    { key: 'cs4', group: 'cs_tham_gia', label: 'Người dân dễ dàng phản hồi ý kiến về kết quả, tác động của chính sách', shortLabel: 'Phản hồi về chính sách', mandatory: false },
    {
      key: 'cs5',
      group: 'cs_chat_luong',
      label: 'Chính sách của địa phương phù hợp với thực tế, nhu cầu của người dân',
      shortLabel: 'Chính sách phù hợp',
      mandatory: false,
    },
    { key: 'cs6', group: 'cs_ket_qua', label: 'Chính sách đã góp phần giúp kinh tế gia đình người dân ngày càng tốt hơn', shortLabel: 'Kinh tế gia đình', mandatory: false },
    { key: 'cs7', group: 'cs_ket_qua', label: 'Chính sách đã góp phần giúp chất lượng cuộc sống người dân ngày càng tốt hơn', shortLabel: 'Chất lượng cuộc sống', mandatory: false },
    {
      key: 'dv1',
      group: 'dv_tiep_can',
      label: 'Thông tin về giải quyết thủ tục hành chính được cung cấp theo nhiều hình thức, dễ tiếp cận, dễ hiểu',
      shortLabel: 'Thông tin thủ tục',
      mandatory: true,
    },
    {
      key: 'dv2',
      group: 'dv_tiep_can',
      label: 'Nơi tiếp nhận và trả kết quả có biển hiệu, hướng dẫn rõ ràng; sạch sẽ; trang thiết bị phục vụ đầy đủ',
      shortLabel: 'Nơi tiếp nhận, trả kết quả',
      mandatory: true,
    },
    { key: 'dv3', group: 'dv_thu_tuc', label: 'Thủ tục hành chính được niêm yết công khai, dễ thấy, dễ hiểu', shortLabel: 'Niêm yết công khai', mandatory: true },
    { key: 'dv4', group: 'dv_thu_tuc', label: 'Thành phần hồ sơ, phí và lệ phí phải nộp đúng quy định', shortLabel: 'Hồ sơ, phí đúng quy định', mandatory: true },
    { key: 'dv5', group: 'dv_thu_tuc', label: 'Thời hạn giải quyết thủ tục hành chính đúng quy định', shortLabel: 'Thời hạn đúng quy định', mandatory: true },
    { key: 'dv6', group: 'dv_cong_chuc', label: 'Công chức có thái độ giao tiếp lịch sự, tôn trọng người dân', shortLabel: 'Thái độ lịch sự', mandatory: true },
    {
      key: 'dv7',
      group: 'dv_cong_chuc',
      label: 'Công chức hướng dẫn hồ sơ dễ hiểu, người dân hoàn thiện được hồ sơ sau một lần hướng dẫn',
      shortLabel: 'Hướng dẫn dễ hiểu',
      mandatory: true,
    },
    { key: 'dv8', group: 'dv_cong_chuc', label: 'Công chức tuân thủ đúng quy định trong giải quyết công việc', shortLabel: 'Tuân thủ quy định', mandatory: true },
    { key: 'dv9', group: 'dv_ket_qua', label: 'Kết quả giải quyết thủ tục hành chính được trả đúng hẹn', shortLabel: 'Trả kết quả đúng hẹn', mandatory: true },
    { key: 'dv10', group: 'dv_ket_qua', label: 'Kết quả giải quyết thủ tục hành chính có thông tin đầy đủ, chính xác', shortLabel: 'Kết quả chính xác', mandatory: true },
    {
      key: 'dv11',
      group: 'dv_phan_anh',
      label: 'Cơ quan bố trí hình thức tiếp nhận phản ánh, kiến nghị; người dân phản ánh, kiến nghị dễ dàng',
      shortLabel: 'Tiếp nhận phản ánh',
      mandatory: true,
    },
    {
      key: 'dv12',
      group: 'dv_phan_anh',
      label: 'Phản ánh, kiến nghị được xử lý đúng quy định và thông báo kết quả kịp thời',
      shortLabel: 'Xử lý phản ánh',
      mandatory: true,
    },
  ],
  issues: [],
};

export const BUILT_IN_FORMS: readonly FormDefinition[] = [COUNTER_FORM_V1, SIPAS_FORM_V1];

/** The form a point serves unless it names another. */
export const DEFAULT_FORM_KEY = 'counter';
