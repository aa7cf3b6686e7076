/**
 * Typed failures with stable codes. Each front end converts them exactly once:
 * the CLI to an exit code and one line, later the MCP server and REST routes to their own shapes.
 * Expected outcomes (a mismatch, a screen with no text) are result values, never errors.
 */
/**
 * Failures about what was asked (the input, where it is, its expectations): asking again, on any
 * machine, gives the same answer, so a queued job that meets one fails at once.
 */
export const INPUT_ERROR_CODES = [
  'BAD_ARGUMENT',
  'INPUT_NOT_FOUND',
  'INPUT_IS_DIRECTORY',
  'INPUT_NOT_REGULAR',
  'INPUT_EMPTY',
  'INPUT_NOT_MEDIA',
  'INPUT_CORRUPT',
  'INPUT_TOO_LARGE',
  'UNSUPPORTED_CODEC',
  'NO_DECODABLE_FRAMES',
  'PATH_OUTSIDE_ROOTS',
  'TOO_MANY_EXPECTATIONS',
  'EXPECTATION_TOO_LONG',
] as const;

export const ERROR_CODES = [
  ...INPUT_ERROR_CODES,
  'CONFIG_INVALID',
  'FILE_NOT_SERVED',
  'RUN_NOT_FOUND',
  'ROUTE_NOT_FOUND',
  'UNAUTHORIZED',
  'FORBIDDEN_ORIGIN',
  'CSRF_INVALID',
  'BODY_TOO_LARGE',
  'REQUEST_TIMEOUT',
  'TOO_MANY_SESSIONS',
  'PORT_IN_USE',
  'FFMPEG_NOT_FOUND',
  'OCR_FAILED',
  'MODEL_UNAVAILABLE',
  'MODEL_OUTPUT_INVALID',
  'ANALYSIS_TIMEOUT',
  'CANCELLED',
  'STORE_CORRUPT',
  'STORE_LOCKED',
  'QUEUE_UNAVAILABLE',
  'DISK_FULL',
  'PERMISSION_DENIED',
  'TOO_MANY_OPEN_FILES',
  'READ_ONLY_FILESYSTEM',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** A code another process reported (a server, a worker), checked before it is trusted as one. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return (ERROR_CODES as readonly unknown[]).includes(value);
}

export function isInputError(code: ErrorCode): boolean {
  return (INPUT_ERROR_CODES as readonly ErrorCode[]).includes(code);
}

export class VaiderError extends Error {
  override readonly name = 'VaiderError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What the machine refused, in words a person can act on; the path is added when known. */
const SYSTEM_FAULTS: Record<string, [ErrorCode, string]> = {
  ENOSPC: ['DISK_FULL', 'The disk is full'],
  EDQUOT: ['DISK_FULL', 'The disk quota is used up'],
  EACCES: ['PERMISSION_DENIED', 'Permission denied'],
  EPERM: ['PERMISSION_DENIED', 'Operation not permitted'],
  EMFILE: ['TOO_MANY_OPEN_FILES', 'Too many open files in this process (raise ulimit -n)'],
  ENFILE: ['TOO_MANY_OPEN_FILES', 'Too many open files on this machine'],
  EROFS: ['READ_ONLY_FILESYSTEM', 'The file system is read-only'],
};

function systemFault(error: Error): VaiderError | undefined {
  const { code, path } = error as NodeJS.ErrnoException;
  const fault = code ? SYSTEM_FAULTS[code] : undefined;
  if (!fault) return undefined;
  return new VaiderError(fault[0], path ? `${fault[1]}: ${path}.` : `${fault[1]}.`, { errno: code, ...(path && { path }) }, { cause: error });
}

/** Anything thrown becomes a VaiderError; unknown failures keep their message under INTERNAL. */
export function toVaiderError(error: unknown): VaiderError {
  if (error instanceof VaiderError) return error;
  if (error instanceof Error && error.name === 'AbortError') {
    return new VaiderError('CANCELLED', 'The analysis was cancelled.', {}, { cause: error });
  }
  const fault = error instanceof Error ? systemFault(error) : undefined;
  if (fault) return fault;
  const message = error instanceof Error ? error.message : String(error);
  return new VaiderError('INTERNAL', message, {}, { cause: error });
}
