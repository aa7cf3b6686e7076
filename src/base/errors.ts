/**
 * Typed failures with stable codes. Each front end converts them exactly once:
 * the CLI to an exit code and one line, later the MCP server and REST routes to their own shapes.
 * Expected outcomes (a mismatch, a screen with no text) are result values, never errors.
 */
export const ERROR_CODES = [
  'BAD_ARGUMENT',
  'CONFIG_INVALID',
  'INPUT_NOT_FOUND',
  'INPUT_IS_DIRECTORY',
  'INPUT_EMPTY',
  'INPUT_NOT_MEDIA',
  'INPUT_CORRUPT',
  'INPUT_TOO_LARGE',
  'UNSUPPORTED_CODEC',
  'NO_DECODABLE_FRAMES',
  'PATH_OUTSIDE_ROOTS',
  'RUN_NOT_FOUND',
  'ROUTE_NOT_FOUND',
  'UNAUTHORIZED',
  'FORBIDDEN_ORIGIN',
  'BODY_TOO_LARGE',
  'FFMPEG_NOT_FOUND',
  'OCR_FAILED',
  'MODEL_UNAVAILABLE',
  'MODEL_OUTPUT_INVALID',
  'ANALYSIS_TIMEOUT',
  'CANCELLED',
  'STORE_CORRUPT',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

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

/** Anything thrown becomes a VaiderError; unknown failures keep their message under INTERNAL. */
export function toVaiderError(error: unknown): VaiderError {
  if (error instanceof VaiderError) return error;
  if (error instanceof Error && error.name === 'AbortError') {
    return new VaiderError('CANCELLED', 'The analysis was cancelled.', {}, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new VaiderError('INTERNAL', message, {}, { cause: error });
}
