import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { problems } from '../../../platform/errors.ts';
import { DOSSIER_CODE_PATTERN } from '../domain/code.ts';
import type { Caller } from '../service.ts';

/** What the dossier routes share: the OpenAPI tag, the code parameter, the caller of a request, ETags. */

export const TAG = 'dossiers';
export const CodeParam = z.object({ code: z.string().regex(DOSSIER_CODE_PATTERN, 'mã hồ sơ có dạng <mã định danh>-<YYMMDD>-<4 chữ số>') });

import { callerOf } from '../../../platform/http.ts';
export { callerOf };

export const etag = (version: number) => `"${version}"`;

/** `If-Match: "3"` (or W/"3", or 3) → 3; `*` or absent → undefined. */
export function parseIfMatch(v: string | string[] | undefined): number | undefined {
  const raw = Array.isArray(v) ? v[0] : v;
  if (!raw || raw.trim() === '*') return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(raw);
  if (!m) throw problems.badRequest('if-match-invalid', 'Phiên bản hồ sơ gửi kèm không hợp lệ. Tải lại hồ sơ rồi thử lại.');
  return Number(m[1]);
}

