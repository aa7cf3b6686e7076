import { VaiderError } from '../base/errors.js';

/**
 * ffmpeg and ffprobe only say what went wrong in their stderr. These patterns turn the messages
 * seen on real broken inputs into stable codes; anything else keeps the last stderr line.
 */
const PATTERNS: Array<{ test: RegExp; code: VaiderError['code']; message: string }> = [
  // Gone between being found and being read (deleted, or moved by the test run that wrote it).
  { test: /No such file or directory/i, code: 'INPUT_NOT_FOUND', message: 'the file is gone: it was deleted or moved while Vaider read it' },
  { test: /Decoder \(codec [^)]*\) not found|unknown codec|codec not currently supported|Unsupported codec/i, code: 'UNSUPPORTED_CODEC', message: 'its video codec cannot be decoded by this ffmpeg' },
  { test: /moov atom not found|Truncating packet|partial file|End of file|Invalid NAL unit size|error reading header|EBML header parsing failed/i, code: 'INPUT_CORRUPT', message: 'the file is truncated or corrupt' },
  { test: /Invalid data found when processing input/i, code: 'INPUT_NOT_MEDIA', message: 'the file is not a video or image ffmpeg can read' },
];

function lastMeaningfulLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.at(-1) ?? 'no message';
}

export function classifyFfmpegFailure(stderr: string, file: string, fallback: VaiderError['code'] = 'INPUT_CORRUPT'): VaiderError {
  for (const pattern of PATTERNS) {
    if (pattern.test.test(stderr)) {
      return new VaiderError(pattern.code, `${file}: ${pattern.message}.`, { file, ffmpeg: lastMeaningfulLine(stderr) });
    }
  }
  return new VaiderError(fallback, `${file}: ffmpeg could not read it (${lastMeaningfulLine(stderr)}).`, { file });
}
