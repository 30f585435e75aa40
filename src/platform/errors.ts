/**
 * Errors as RFC 9457 problem details. `title` and `detail` are Vietnamese, for people;
 * `type` and `code` are stable, for machines. Throw a Problem anywhere; the HTTP layer renders it.
 */
export const PROBLEM_BASE = 'https://lienthong.gov.vn/problems/';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  instance?: string;
  errors?: { path: string; message: string }[];
  [extension: string]: unknown;
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = 'Problem';
  }

  toBody(instance?: string): ProblemBody {
    return {
      type: PROBLEM_BASE + this.code,
      title: this.title,
      status: this.status,
      code: this.code,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...this.extensions,
    };
  }
}

export const problems = {
  validation: (errors: { path: string; message: string }[], detail = 'Dữ liệu gửi lên không hợp lệ.') =>
    new Problem(400, 'validation-failed', 'Dữ liệu không hợp lệ', detail, { errors }),
  badRequest: (code: string, detail: string) => new Problem(400, code, 'Yêu cầu không hợp lệ', detail),
  unauthenticated: () =>
    new Problem(401, 'unauthenticated', 'Chưa đăng nhập', 'Bạn cần đăng nhập để thực hiện thao tác này.'),
  forbidden: (detail = 'Bạn không có quyền thực hiện thao tác này.') =>
    new Problem(403, 'forbidden', 'Không có quyền', detail),
  notFound: (what: string, code = 'not-found') =>
    new Problem(404, code, 'Không tìm thấy', `Không tìm thấy ${what}.`),
  conflict: (code: string, detail: string) => new Problem(409, code, 'Xung đột dữ liệu', detail),
  preconditionFailed: (detail: string) =>
    new Problem(412, 'precondition-failed', 'Dữ liệu đã thay đổi', detail),
  unprocessable: (code: string, detail: string, extensions: Record<string, unknown> = {}) =>
    new Problem(422, code, 'Không thể xử lý yêu cầu', detail, extensions),
  tooMany: () =>
    new Problem(429, 'rate-limited', 'Quá nhiều yêu cầu', 'Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.'),
  internal: () =>
    new Problem(500, 'internal-error', 'Lỗi hệ thống', 'Hệ thống gặp lỗi ngoài dự kiến. Vui lòng thử lại sau.'),
  unavailable: (detail: string) => new Problem(503, 'unavailable', 'Dịch vụ tạm thời không sẵn sàng', detail),
};
