import type { VaiderTool } from './define-tool.js';
import { analyzeVideoTool, verifyVideoTool } from './analysis-tools.js';
import { compareScreensTool, updateBaselineTool } from './drift-tools.js';
import { reviewHealingTool, runFlowTool } from './flow-tools.js';
import { getKeyframesTool, getRunTool, listRunsTool } from './run-tools.js';
import { describeScreenshotTool, findElementTool } from './screenshot-tools.js';

/** The server's whole tool surface, in one flat list. */
export const ALL_TOOLS: VaiderTool[] = [
  analyzeVideoTool,
  verifyVideoTool,
  describeScreenshotTool,
  findElementTool,
  compareScreensTool,
  updateBaselineTool,
  runFlowTool,
  reviewHealingTool,
  getKeyframesTool,
  listRunsTool,
  getRunTool,
];
