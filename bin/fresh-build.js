// Whether dist/ was built after the last change to src/: a clone then runs compiled JavaScript, which
// starts in a third of the time tsx needs, and never a stale build.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** True when `<root>/dist/cli/main.js` is newer than every file under `<root>/src` and the tsconfig. */
export function freshBuild(root) {
  let built;
  try {
    built = statSync(path.join(root, 'dist', 'cli', 'main.js')).mtimeMs;
  } catch {
    return false;
  }
  const sources = [path.join(root, 'tsconfig.json'), ...readdirSync(path.join(root, 'src'), { recursive: true }).map((file) => path.join(root, 'src', file))];
  return sources.every((file) => statSync(file).mtimeMs <= built);
}
