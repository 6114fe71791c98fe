/**
 * The one error class of the app (STYLE.md §8): a code from one string union, the HTTP status
 * looked up from the code, a Vietnamese message (citizens may read any of them). Services,
 * repositories' callers and routes throw it; http/create-app.ts renders it once.
 */
export type ErrorCode =
  | 'invalid_input'
  | 'invalid_json'
  | 'unauthorized'
  | 'forbidden'
  | 'admin_disabled'
  | 'not_found'
  | 'conflict'
  | 'duplicate_response'
  | 'ticket_used'
  | 'ticket_expired'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unavailable'
  | 'storage_unavailable'
  | 'internal';

/** The statuses these errors answer with. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 429 | 500 | 503;

const STATUS: Record<ErrorCode, ErrorStatus> = {
  invalid_input: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  admin_disabled: 403,
  not_found: 404,
  conflict: 409,
  duplicate_response: 409,
  ticket_used: 409,
  ticket_expired: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  storage_unavailable: 503,
  internal: 500,
};

/** Default messages in Vietnamese: citizens may read any of them. */
const MESSAGE: Record<ErrorCode, string> = {
  invalid_input: 'Dữ liệu gửi lên không hợp lệ.',
  invalid_json: 'Nội dung gửi lên không phải JSON hợp lệ.',
  unauthorized: 'Cần đăng nhập.',
  forbidden: 'Không có quyền truy cập.',
  admin_disabled: 'Chức năng quản trị chưa được bật (ADMIN_TOKEN chưa đặt).',
  not_found: 'Không tìm thấy.',
  conflict: 'Dữ liệu đã tồn tại.',
  duplicate_response: 'Ông/Bà đã gửi đánh giá tại điểm này gần đây. Xin cảm ơn!',
  ticket_used: 'Phiếu hẹn (hồ sơ) này đã được đánh giá. Mỗi hồ sơ chỉ được đánh giá một lần. Xin cảm ơn Ông/Bà!',
  ticket_expired: 'Mã QR trên phiếu hẹn này đã hết hạn. Ông/Bà vẫn có thể đánh giá bằng mã QR đặt tại Bộ phận một cửa.',
  payload_too_large: 'Nội dung gửi lên quá lớn.',
  unsupported_media_type: 'Nội dung phải có Content-Type: application/json.',
  rate_limited: 'Có quá nhiều lượt gửi. Vui lòng thử lại sau ít phút.',
  unavailable: 'Dịch vụ tạm thời không sẵn sàng.',
  storage_unavailable: 'Máy chủ tạm thời chưa lưu được phiếu đánh giá. Vui lòng thử lại sau ít phút; phiếu vẫn được giữ trên máy của Ông/Bà và sẽ tự gửi lại.',
  internal: 'Đã có lỗi xảy ra. Vui lòng thử lại sau.',
};

/** Headers an error carries unless given others: a client retries a full disk later, not at once. */
const DEFAULT_HEADERS: Partial<Record<ErrorCode, Record<string, string>>> = {
  storage_unavailable: { 'Retry-After': '30' },
};

export interface ErrorDetail {
  path: string;
  message: string;
}

export class AppError extends Error {
  override name = 'AppError';
  readonly code: ErrorCode;
  readonly details: ErrorDetail[] | undefined;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message?: string, opts: { details?: ErrorDetail[]; headers?: Record<string, string> } = {}) {
    super(message ?? MESSAGE[code]);
    this.code = code;
    this.details = opts.details;
    this.headers = opts.headers ?? DEFAULT_HEADERS[code] ?? {};
  }

  get status(): ErrorStatus {
    return STATUS[this.code];
  }

  toJSON(): { error: { code: ErrorCode; message: string; details?: ErrorDetail[] } } {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

export function codeForStatus(status: number): ErrorCode {
  const found = (Object.entries(STATUS) as [ErrorCode, number][]).find(([, s]) => s === status);
  return found ? found[0] : status >= 500 ? 'internal' : 'invalid_input';
}
