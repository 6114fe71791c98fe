/** Default fields (lĩnh vực) created with every unit. */
export const DEFAULT_FIELDS = [
  'Tư pháp – Hộ tịch',
  'Chứng thực',
  'Đất đai – Tài nguyên môi trường',
  'Lao động – Thương binh và Xã hội',
  'Xây dựng',
  'Khác',
] as const;
