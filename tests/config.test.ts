import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rulesJsonSchema } from '../src/config/json-schema.js';
import { loadConfig } from '../src/config/load-config.js';
import { VaiderError } from '../src/base/errors.js';
import { scratchDir } from './helpers/media-fixtures.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await scratchDir());
});
afterAll(() => cleanup());

async function rulesFile(name: string, content: unknown): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

function configError(fn: () => unknown): VaiderError {
  try {
    fn();
  } catch (error) {
    if (error instanceof VaiderError) return error;
    throw error;
  }
  throw new Error('expected a configuration error');
}

describe('VaiderRules loading', () => {
  it('has the source defaults with no file at all', () => {
    const { rules } = loadConfig({ cwd: dir, env: {} });
    expect(rules).toMatchObject({
      video_trigger_pattern: 'test-output/**/*.mp4',
      analysis_timeout_seconds: 30,
      on_mismatch: 'retry',
      max_mismatch_retries: 5,
      max_error_retries: 3,
      vision: { provider: 'local' },
      keyframes: { max: 24, stable_ms: 500 },
    });
  });

  it('layers defaults, then the file, then VAIDER_* variables, then flags', async () => {
    const file = await rulesFile('layers.json', { analysis_timeout_seconds: 10, keyframes: { max: 8, sample_fps: 5 } });
    const config = loadConfig({
      cwd: dir,
      rulesPath: file,
      env: { VAIDER_KEYFRAMES_MAX: '12', VAIDER_ON_MISMATCH: 'notify' },
      overrides: { on_mismatch: 'ignore' },
    });
    expect(config.rules.analysis_timeout_seconds).toBe(10);
    expect(config.rules.keyframes).toMatchObject({ max: 12, sample_fps: 5, stable_ms: 500 });
    expect(config.rules.on_mismatch).toBe('ignore');
    expect(config.projectRoot).toBe(dir);
    expect(Object.isFrozen(config.rules.keyframes)).toBe(true);
  });

  it('names the file and the key of an unknown key, in one line', async () => {
    const file = await rulesFile('unknown.json', { keyframes: { maxx: 3 } });
    const error = configError(() => loadConfig({ rulesPath: file, env: {} }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain(file);
    expect(error.message).toContain('keyframes.maxx');
    expect(error.message).not.toContain('\n');
  });

  it('names the key of a wrong type', async () => {
    const file = await rulesFile('type.json', { analysis_timeout_seconds: 'soon' });
    const error = configError(() => loadConfig({ rulesPath: file, env: {} }));
    expect(error.message).toMatch(/type\.json: "analysis_timeout_seconds": expected number/);
  });

  it('names the variable of a bad environment value', () => {
    const error = configError(() => loadConfig({ cwd: dir, env: { VAIDER_KEYFRAMES_MAX: 'many' } }));
    expect(error.message).toContain('VAIDER_KEYFRAMES_MAX');
  });

  it('reports broken JSON with the file name', async () => {
    const file = await rulesFile('broken.json', '{ "on_mismatch": ');
    expect(configError(() => loadConfig({ rulesPath: file, env: {} })).message).toMatch(/broken\.json: not valid JSON/);
  });

  it('resolves allowed roots against the rules file', async () => {
    const file = await rulesFile('roots.json', { allowed_roots: ['.'] });
    expect(loadConfig({ rulesPath: file, env: {} }).allowedRoots).toEqual([dir]);
  });
});

describe('JSON Schema for editors', () => {
  it('is committed and up to date (run npm run schema)', async () => {
    const committed = JSON.parse(await readFile(path.join(import.meta.dirname, '../rules/VaiderRules.schema.json'), 'utf8'));
    expect(committed).toEqual(rulesJsonSchema());
  });

  it('rejects unknown keys and documents every field', () => {
    const schema = rulesJsonSchema() as { additionalProperties: boolean; properties: Record<string, { description?: string }> };
    expect(schema.additionalProperties).toBe(false);
    for (const [key, property] of Object.entries(schema.properties)) {
      expect(property.description, key).toBeTruthy();
    }
  });
});
