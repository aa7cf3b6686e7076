import { applyFilePlan } from './apply-file-plan.js';
import { planInit } from './plan-init.js';
import { projectFolder } from './project-folder.js';
import type { InitFileResult } from './setup-types.js';

export interface InitOptions {
  /** The project folder to set up. */
  dir: string;
  /** Replace files and entries the user edited, keeping each as `<file>.bak`. */
  force?: boolean;
  /** Where editors reach the MCP server: localhost by default. */
  host?: string;
  /** Its port: by default `server.port` of the project's VaiderRules.json (3456). A starter VaiderRules.json gets this port. */
  port?: number;
}

/**
 * `vaider init`: editor MCP configuration, the Cursor rule and a starter VaiderRules.json. Running it
 * again changes nothing; what the user edited stays until --force.
 */
export async function initProject(options: InitOptions): Promise<InitFileResult[]> {
  const realDir = await projectFolder(options.dir);
  const plans = await planInit(realDir, { force: options.force ?? false, host: options.host, port: options.port });
  const results: InitFileResult[] = [];
  for (const plan of plans) results.push(await applyFilePlan(realDir, plan));
  return results;
}
