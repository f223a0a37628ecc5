import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '@nexa/config';
import { firstEdition, TEST_REDIS_URL } from '@nexa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClassifier } from '../src/index';

describe('AI_PROVIDER chooses the classifier', () => {
  let dir: string;
  let tablePath: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'nexa-provider-'));
    tablePath = path.join(dir, 'ncm.json');
    await writeFile(tablePath, JSON.stringify(firstEdition));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const create = (env: Record<string, string>) => createClassifier(loadConfig({ NCM_TABLE_PATH: tablePath, ...env }), { redisUrl: TEST_REDIS_URL });

  it('reference runs the engine in-process on the configured table', async () => {
    const classifier = await create({ AI_PROVIDER: 'reference' });
    expect(classifier.name).toBe('reference');
    const steps: string[] = [];
    const outcome = await classifier.classify(
      { partnumber: '6205', description: 'rolamento de esferas radial' },
      { signal: new AbortController().signal, onProgress: (step) => void steps.push(step.message) },
    );
    expect(outcome).toMatchObject({ ncm: '84821010', engine: 'nexa-reference' });
    expect(steps).toHaveLength(2);
  });

  it('deterministic, openai and nexa-http are chosen by name; nexa-http needs AI_SERVER_URL', async () => {
    expect((await create({ AI_PROVIDER: 'deterministic' })).name).toBe('deterministic');
    expect((await create({ AI_PROVIDER: 'openai', AI_BASE_URL: 'http://127.0.0.1:1/v1' })).name).toBe('openai');
    await expect(create({ AI_PROVIDER: 'nexa-http' })).rejects.toThrow('AI_PROVIDER=nexa-http needs AI_SERVER_URL');
    const http = await create({ AI_PROVIDER: 'nexa-http', AI_SERVER_URL: 'http://127.0.0.1:1' });
    expect(http.name).toBe('nexa-http');
    await http.close?.();
  });

  it('reference without a table file names NCM_TABLE_PATH', async () => {
    await expect(create({ AI_PROVIDER: 'reference', NCM_TABLE_PATH: path.join(dir, 'missing.json') })).rejects.toThrow(/Cannot read NCM table/);
  });
});
