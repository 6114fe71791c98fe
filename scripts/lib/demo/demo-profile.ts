/**
 * Who works at the demo counter and how citizens rate them. Weights are for levels 5, 4, 3, 2, 1.
 * Two officers are set above the 25 % dissatisfied line (R3.1), so the flag and alerts show.
 */
export interface DemoOfficer {
  name: string;
  title: string;
  field: string;
  weights: readonly [number, number, number, number, number];
}

export const DEMO_OFFICERS: readonly DemoOfficer[] = [
  { name: 'Nguyễn Thị Lan', title: 'Công chức Tư pháp – Hộ tịch', field: 'Tư pháp – Hộ tịch', weights: [55, 32, 8, 4, 1] },
  { name: 'Trần Văn Hùng', title: 'Công chức Địa chính – Xây dựng', field: 'Đất đai – Tài nguyên môi trường', weights: [18, 24, 18, 24, 16] },
  { name: 'Lê Thị Mai', title: 'Công chức Văn hóa – Xã hội', field: 'Lao động – Thương binh và Xã hội', weights: [46, 37, 10, 5, 2] },
  { name: 'Phạm Văn Đức', title: 'Công chức Tư pháp – Chứng thực', field: 'Chứng thực', weights: [16, 25, 15, 26, 18] },
  { name: 'Hoàng Thị Thu', title: 'Công chức Địa chính – Xây dựng', field: 'Xây dựng', weights: [50, 34, 10, 4, 2] },
];

export const COMMENTS = {
  good: [
    'Cán bộ hướng dẫn tận tình, dễ hiểu.',
    'Giải quyết hồ sơ nhanh, đúng hẹn.',
    'Thái độ niềm nở, lịch sự. Cảm ơn chị!',
    'Thủ tục đơn giản hơn trước nhiều.',
    'Được hướng dẫn điền tờ khai rất chu đáo.',
  ],
  neutral: ['Phải chờ hơi lâu vì đông người.', 'Nên có thêm ghế ngồi chờ.', 'Bảng niêm yết thủ tục chữ nhỏ, khó đọc.'],
  bad: [
    'Phải đi lại nhiều lần mới xong hồ sơ.',
    'Cán bộ trả lời cộc lốc, không hướng dẫn rõ.',
    'Hẹn trả kết quả nhưng bị trễ một tuần.',
    'Bị yêu cầu nộp thêm giấy tờ không có trong quy định.',
    'Không có ai ở quầy vào đầu giờ chiều.',
  ],
} as const;
