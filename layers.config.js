/**
 * The rooms of src/ and what each may import: the layer rules, checked by ESLint
 * (eslint-plugin-boundaries). Arrows point down only; a room may always import itself. A rule that
 * seems to need an exception means the code is in the wrong room: move it, do not add one.
 * docs/architecture.md explains the layers.
 */
/** @type {ReadonlyArray<{ room: string; pattern: string; mayImport: readonly string[] }>} */
export const LAYERS = [
  // Entry point and front ends: parse, call the application, render.
  { room: 'cli', pattern: 'src/cli', mayImport: ['app', 'setup', 'server', 'watcher', 'config', 'screen', 'base'] },
  // The generic MCP adapter knows MCP, not Vaider: the tools are where MCP meets the application.
  { room: 'mcp-adapter', pattern: 'src/server/mcp/adapter', mayImport: ['base'] },
  { room: 'server', pattern: 'src/server', mayImport: ['mcp-adapter', 'app', 'setup', 'config', 'screen', 'base'] },
  { room: 'watcher', pattern: 'src/watcher', mayImport: ['app', 'interactions', 'config', 'base'] },
  { room: 'playwright', pattern: 'src/playwright', mayImport: ['app', 'interactions', 'config', 'screen', 'base'] },

  // The application, by use case, and project set-up.
  { room: 'app', pattern: 'src/app', mayImport: ['healing', 'drivers', 'drift', 'vision', 'screen', 'media', 'interactions', 'config', 'store', 'queue', 'base'] },
  { room: 'setup', pattern: 'src/setup', mayImport: ['drivers', 'media', 'config', 'base'] },

  // Domains.
  { room: 'healing', pattern: 'src/healing', mayImport: ['drivers', 'screen', 'store', 'base'] },
  { room: 'vision', pattern: 'src/vision', mayImport: ['drift', 'screen', 'media', 'config', 'base'] },
  { room: 'drift', pattern: 'src/drift', mayImport: ['screen', 'media', 'store', 'base'] },
  { room: 'drivers', pattern: 'src/drivers', mayImport: ['media', 'base'] },

  // Shared words and plumbing.
  { room: 'screen', pattern: 'src/screen', mayImport: ['base'] },
  { room: 'media', pattern: 'src/media', mayImport: ['base'] },
  { room: 'interactions', pattern: 'src/interactions', mayImport: ['screen', 'base'] },
  { room: 'config', pattern: 'src/config', mayImport: ['base'] },
  { room: 'store', pattern: 'src/store', mayImport: ['base'] },
  // The shared queue past one machine: BullMQ on Redis, known to nothing but this room.
  { room: 'queue', pattern: 'src/queue', mayImport: ['base'] },
  { room: 'base', pattern: 'src/base', mayImport: [] },
];
