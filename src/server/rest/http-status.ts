import type { ErrorCode } from '../../base/errors.js';

/** HTTP status of each error code; anything unlisted is an internal or upstream failure, 500. */
const STATUS: Partial<Record<ErrorCode, number>> = {
  BAD_ARGUMENT: 400,
  CONFIG_INVALID: 400,
  INPUT_IS_DIRECTORY: 400,
  INPUT_NOT_REGULAR: 400,
  INPUT_EMPTY: 400,
  INPUT_NOT_MEDIA: 400,
  INPUT_CORRUPT: 400,
  UNSUPPORTED_CODEC: 400,
  NO_DECODABLE_FRAMES: 400,
  UNAUTHORIZED: 401,
  PATH_OUTSIDE_ROOTS: 403,
  FORBIDDEN_ORIGIN: 403,
  FILE_NOT_SERVED: 403,
  CSRF_INVALID: 403,
  INPUT_NOT_FOUND: 404,
  RUN_NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  INPUT_TOO_LARGE: 413,
  BODY_TOO_LARGE: 413,
  TOO_MANY_EXPECTATIONS: 400,
  EXPECTATION_TOO_LONG: 400,
  PERMISSION_DENIED: 403,
  REQUEST_TIMEOUT: 408,
  // Another process owns the project's store: the request conflicts with it.
  STORE_LOCKED: 409,
  TOO_MANY_SESSIONS: 503,
  QUEUE_UNAVAILABLE: 503,
  READ_ONLY_FILESYSTEM: 507,
  DISK_FULL: 507,
};

export function httpStatusFor(code: ErrorCode): number {
  return STATUS[code] ?? 500;
}
