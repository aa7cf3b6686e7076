import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ResourceUpdatedNotificationSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeVideo, LOGIN_FLOW } from './helpers/media-fixtures.js';
import { startServerFixture, type ServerFixture } from './helpers/server-fixture.js';

let fx: ServerFixture;
let client: Client;

beforeAll(async () => {
  fx = await startServerFixture();
  client = new Client({ name: 'vaider-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${fx.server.url}/mcp`)));
});
afterAll(async () => {
  await client.close();
  await fx.close();
});

async function call(name: string, args: Record<string, unknown>, options: Parameters<Client['callTool']>[2] = {}) {
  return (await client.callTool({ name, arguments: args }, undefined, options)) as CallToolResult & {
    structuredContent: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
}

const EXPECT = ["at the end shows 'Welcome, Alice'", "does not show 'Invalid password'"];

describe('MCP over Streamable HTTP', () => {
  it('lists every tool with described schemas and annotations', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'vaider_analyze_video',
      'vaider_compare_screens',
      'vaider_describe_screenshot',
      'vaider_find_element',
      'vaider_get_keyframes',
      'vaider_get_run',
      'vaider_list_runs',
      'vaider_review_healing',
      'vaider_run_flow',
      'vaider_update_baseline',
      'vaider_verify_video',
    ]);
    for (const tool of tools) {
      expect(tool.outputSchema, tool.name).toBeDefined();
      expect(tool.annotations, tool.name).toBeDefined();
      for (const [field, schema] of Object.entries(tool.inputSchema.properties ?? {})) {
        expect((schema as { description?: string }).description, `${tool.name}.${field}`).toBeTruthy();
      }
    }
    expect(tools.find((t) => t.name === 'vaider_list_runs')!.annotations!.readOnlyHint).toBe(true);
  });

  it('analyses a video with progress, then answers the same request from the cache', async () => {
    const progress: number[] = [];
    const first = await call('vaider_analyze_video', { path: 'test-output/login.mp4', expectations: EXPECT }, {
      onprogress: (p) => progress.push(p.progress),
    });
    expect(first.isError).toBeFalsy();
    expect(first.structuredContent).toMatchObject({ cached: false, verdict: { status: 'mismatch' }, media: { kind: 'video' } });
    expect(first.structuredContent.description.steps).toHaveLength(3);
    expect(first.structuredContent.interactions_dir).toBe(path.join(`${fx.video}.VaiderInteractions`, 'attempts', '001'));
    expect((first.content[0] as { text: string }).text).toMatch(/^MISMATCH/);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toBe(100);

    const again = await call('vaider_analyze_video', { path: fx.video, expectations: EXPECT });
    expect(again.structuredContent).toMatchObject({ cached: true, verdict: { status: 'mismatch' } });
    expect(again.structuredContent.run_id).toBe(first.structuredContent.run_id);
  });

  it('verifies a video, per expectation with evidence', async () => {
    const result = await call('vaider_verify_video', { path: fx.video, expectations: ["shows 'Sign in to continue' then 'Welcome, Alice'"] });
    expect(result.structuredContent.verdict).toMatchObject({ status: 'match', results: [{ status: 'pass', evidence: { frameIndex: 2, time: 4 } }] });
  });

  it('describes a screenshot and finds an element on it', async () => {
    const described = await call('vaider_describe_screenshot', { path: fx.screenshot });
    const texts = described.structuredContent.elements.map((e: { text: string; type: string }) => `${e.type}:${e.text}`);
    expect(texts).toEqual(expect.arrayContaining(['button:Sign In', 'text:Sign in to continue']));

    const found = await call('vaider_find_element', { path: fx.screenshot, target: 'the Sign In button' });
    expect(found.structuredContent).toMatchObject({ found: true, type: 'button', text: 'Sign In' });
    expect(Math.abs(found.structuredContent.center.x - 640)).toBeLessThanOrEqual(8);

    const missing = await call('vaider_find_element', { path: fx.screenshot, target: 'the Delete account button' });
    expect(missing.structuredContent).toMatchObject({ found: false, box: null, confidence: 0 });
  });

  it('lists and gets runs, and returns keyframes as images only when asked', async () => {
    const { runs } = (await call('vaider_list_runs', {})).structuredContent;
    expect(runs.length).toBeGreaterThanOrEqual(2);
    const done = runs.find((r: { state: string }) => r.state === 'done');

    const got = await call('vaider_get_run', { run_id: done.id });
    expect(got.structuredContent.attempts.total).toBeGreaterThanOrEqual(1);
    expect(got.structuredContent.files).toEqual(expect.arrayContaining(['README.md', 'attempt.json', 'keyframes/timeline.json']));

    const frames = await call('vaider_get_keyframes', { run_id: done.id, max: 2, width: 320 });
    const images = frames.content.filter((c) => c.type === 'image');
    expect(images).toHaveLength(2);
    expect(frames.structuredContent.keyframes.map((k: { width: number }) => k.width)).toEqual([320, 320]);
  });

  it('turns failures into isError results with a stable code', async () => {
    const outside = await call('vaider_analyze_video', { path: '../../etc/passwd' });
    expect(outside.isError).toBe(true);
    expect((outside.content[0] as { text: string }).text).toMatch(/^PATH_OUTSIDE_ROOTS: /);
    expect(outside._meta).toMatchObject({ 'vaider/error': { code: 'PATH_OUTSIDE_ROOTS' } });
    const unknown = await call('vaider_get_run', { run_id: 'run_nope' });
    expect(unknown.isError).toBe(true);
    expect((unknown.content[0] as { text: string }).text).toMatch(/^RUN_NOT_FOUND:/);
  });

  it('serves runs, keyframes and the rules as resources, and says when a run changes', async () => {
    const rules = await client.readResource({ uri: 'vaider://rules' });
    expect(JSON.parse((rules.contents[0] as { text: string }).text)).toMatchObject({ max_mismatch_retries: 5 });

    const updated: string[] = [];
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => {
      updated.push(n.params.uri);
    });
    const slow = await makeVideo(path.join(fx.dir, 'test-output', 'slow.mp4'), LOGIN_FLOW);
    const pending = call('vaider_analyze_video', { path: slow, no_cache: true });
    let runId: string | undefined;
    for (let i = 0; i < 100 && !runId; i++) {
      const { runs } = (await call('vaider_list_runs', {})).structuredContent;
      runId = runs.find((r: { input: string; state: string }) => r.input === slow && r.state !== 'done')?.id;
    }
    expect(runId).toBeDefined();
    await client.subscribeResource({ uri: `vaider://runs/${runId}` });
    await pending;
    await expect.poll(() => updated).toContain(`vaider://runs/${runId}`);

    const markdown = await client.readResource({ uri: `vaider://runs/${runId}` });
    expect((markdown.contents[0] as { text: string }).text).toMatch(/State: \*\*done\*\*/);
    const blob = await client.readResource({ uri: `vaider://runs/${runId}/keyframes/0` });
    expect(Buffer.from((blob.contents[0] as { blob: string }).blob, 'base64').subarray(1, 4).toString()).toBe('PNG');
    const listed = await client.listResources();
    expect(listed.resources.map((r) => r.uri)).toContain(`vaider://runs/${runId}`);
  });

  it('offers the introduction and validation prompts with the resolved numbers', async () => {
    const intro = await client.getPrompt({ name: 'vaider-introduction' });
    const text = (intro.messages[0]!.content as { text: string }).text;
    expect(text).toContain('vaider_analyze_video');
    expect(text).toMatch(/\b5\b/);
    expect(text).toMatch(/\b3\b/);
    const validate = await client.getPrompt({ name: 'vaider-validate-video', arguments: { path: 'test-output/login.mp4', expectations: "shows 'Welcome'" } });
    expect((validate.messages[0]!.content as { text: string }).text).toContain('vaider_verify_video');
  });

  it('stops the analysis when the call is cancelled', async () => {
    const video = await makeVideo(path.join(fx.dir, 'test-output', 'cancel.mp4'), LOGIN_FLOW);
    const controller = new AbortController();
    const pending = call('vaider_analyze_video', { path: video, no_cache: true }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 150);
    await expect(pending).rejects.toThrow();
    await expect
      .poll(async () => {
        const { runs } = (await call('vaider_list_runs', {})).structuredContent;
        return runs.find((r: { input: string }) => r.input === video)?.error?.code;
      })
      .toBe('CANCELLED');
  });
});
