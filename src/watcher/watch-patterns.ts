import path from 'node:path';
import picomatch from 'picomatch';
import type { VaiderRules } from '../config/schema.js';
import { INTERACTIONS_SUFFIX } from '../interactions/interaction-log.js';

/** A brace group before the first wildcard names several base folders: `{a,b}/x` is `a/x` and `b/x`. */
function expandLeadingBraces(pattern: string): string[] {
  const match = /^([^*?[{]*)\{([^{}]*)\}(.*)$/.exec(pattern);
  if (!match) return [pattern];
  const [, prefix, alternatives, rest] = match;
  return alternatives!.split(',').flatMap((alt) => expandLeadingBraces(`${prefix}${alt}${rest}`));
}

export interface WatchPatterns {
  /** Whether a file (path relative to the project root, with /) is a video or screenshot to analyze. */
  matches(relativeFile: string): boolean;
  /**
   * Whether a path is never to be watched: ignored globs, Vaider's own output, temp files, folders no
   * pattern can reach.
   */
  ignores(relativePath: string, isDirectory: boolean): boolean;
}

/**
 * chokidar 4+ has no globs, so the patterns are compiled here with picomatch. Folders that cannot
 * hold a match (not on the way to, or under, a pattern's base folder) are pruned, so a large project
 * is not watched in full.
 */
export function watchPatterns(rules: Readonly<VaiderRules>): WatchPatterns {
  const includes = [rules.video_trigger_pattern, ...rules.watch.extra_patterns, rules.watch.screenshot_pattern];
  const isIncluded = picomatch(includes, { dot: true });
  const isIgnored = picomatch(rules.watch.ignore, { dot: true });
  // An encoder writes `login.mp4.tmp.mp4` (or `x.tmp`) and renames it when done: the temp name still
  // matches `*.mp4` and can hold still long enough to look finished; the renamed file is the video.
  const isTemp = picomatch('*.tmp*', { dot: true, basename: true });
  const store = path.posix.normalize(rules.store_dir.split(path.sep).join('/')).replace(/\/$/, '');
  const bases = includes
    .flatMap(expandLeadingBraces)
    .map((p) => picomatch.scan(p).base)
    .map((b) => (b === '.' ? '' : b));

  const ownOutput = (rel: string) =>
    rel.split('/').some((segment) => segment.endsWith(INTERACTIONS_SUFFIX)) || rel === store || rel.startsWith(`${store}/`);
  const onTheWay = (dir: string) => bases.some((base) => base === '' || base === dir || base.startsWith(`${dir}/`) || dir.startsWith(`${base}/`));

  return {
    matches: (rel) => !ownOutput(rel) && !isIgnored(rel) && !isTemp(rel) && isIncluded(rel),
    ignores(rel, isDirectory) {
      if (rel === '' || rel === '.') return false;
      if (ownOutput(rel) || isIgnored(rel) || isIgnored(`${rel}/`)) return true;
      return isDirectory ? !onTheWay(rel) : isTemp(rel) || !isIncluded(rel);
    },
  };
}
