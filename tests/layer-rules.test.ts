import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../layers.config.js';

const REPO = path.join(import.meta.dirname, '..');

/** Lints `code` as if it were the file at `file` (relative to the repository), with the project's own config. */
async function lintAs(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: REPO });
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO, file) });
  return result!.messages.filter((m) => m.ruleId?.startsWith('boundaries/')).map((m) => m.message);
}

describe('the layer rules', () => {
  it('reject an import that points up: drift reaching into the application', async () => {
    const messages = await lintAs('src/drift/probe.ts', "import { openVaider } from '../app/vaider.js';\nexport const probe = openVaider;\n");
    expect(messages).toEqual([expect.stringMatching(/"drift" to elements of type "app"/)]);
  });

  it('reject the generic MCP adapter importing the application', async () => {
    const messages = await lintAs('src/server/mcp/adapter/probe.ts', "import type { Vaider } from '../../../app/vaider.js';\nexport type Probe = Vaider;\n");
    expect(messages).toEqual([expect.stringMatching(/"mcp-adapter" to elements of type "app"/)]);
  });

  it('accept an import that points down', async () => {
    expect(await lintAs('src/drift/probe.ts', "import type { Box } from '../screen/box.js';\nexport type Probe = Box;\n")).toEqual([]);
  });

  it('reject a file outside every room, so a new folder cannot escape them', async () => {
    expect(await lintAs('src/misc/probe.ts', 'export const probe = 1;\n')).toEqual([expect.stringMatching(/does not belong to any known element/)]);
  });

  it('form no cycle: arrows point down only', () => {
    const mayImport = new Map(LAYERS.map((layer) => [layer.room, layer.mayImport]));
    for (const { room } of LAYERS) for (const other of mayImport.get(room)!) expect(mayImport.has(other), `${room} names unknown room ${other}`).toBe(true);
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (room: string, trail: string[]): void => {
      if (done.has(room)) return;
      expect(visiting.has(room), `cycle: ${[...trail, room].join(' → ')}`).toBe(false);
      visiting.add(room);
      for (const next of mayImport.get(room)!) visit(next, [...trail, room]);
      visiting.delete(room);
      done.add(room);
    };
    for (const { room } of LAYERS) visit(room, []);
  });

  it('cover every folder of src/, each one named in the README layout', async () => {
    const folders = (await readdir(path.join(REPO, 'src'), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => `src/${e.name}`);
    const readme = await readFile(path.join(REPO, 'README.md'), 'utf8');
    for (const folder of folders) {
      expect(LAYERS.some((layer) => layer.pattern === folder), `${folder} is in layers.config.js`).toBe(true);
      expect(readme, `README layout names ${folder}/`).toContain(`\`${folder}/\``);
    }
  });
});
