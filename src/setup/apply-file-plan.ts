import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../base/atomic-write.js';
import type { FilePlan, InitFileResult } from './setup-types.js';

/**
 * Carries out one decision. The backup is written atomically from the old bytes rather than copied,
 * so a `.bak` symlink is replaced instead of followed out of the folder. An older `.bak` is replaced.
 */
export async function applyFilePlan(realDir: string, plan: FilePlan): Promise<InitFileResult> {
  const result = { file: plan.file, action: plan.action };
  if (plan.content === undefined) return result;
  const target = path.join(realDir, plan.file);
  await mkdir(path.dirname(target), { recursive: true });
  const backup = plan.backup ? `${plan.file}.bak` : undefined;
  if (backup) await writeFileAtomic(path.join(realDir, backup), await readFile(target));
  await writeFileAtomic(target, plan.content);
  return backup ? { ...result, backup } : result;
}
