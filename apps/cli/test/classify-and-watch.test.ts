import type { AiClassifier } from '@nexa/client';
import { gatedClassifier, startTestNexa } from '@nexa/tests';
import { describe, expect, it } from 'vitest';
import { jsonLines, runNexa, spawnNexa } from './run-nexa';

describe('nexa classify', () => {
  it('classifies a partnumber end to end: progress on stderr, the result on stdout, exit 0', async () => {
    await using nexa = await startTestNexa();
    const run = await runNexa(['--url', nexa.nexa.url, '--token', nexa.token, 'classify', 'lm358dr', '--description', 'amplificador operacional chip']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/LM358DR {2}→ {2}NCM \d{4}\.\d{2}\.\d{2}/);
    expect(run.stdout).toContain('confidence');
    expect(run.stderr).toMatch(/task [0-9a-f-]{36} queued/);
    expect(run.stderr).toContain('queued, waiting for a worker');
  });

  it('prints one JSON document with --json, and answers a known partnumber from history', async () => {
    await using nexa = await startTestNexa();
    const first = await runNexa(['--url', nexa.nexa.url, '--token', nexa.token, '--json', 'classify', 'BC547', '-d', 'transistor', '-m', 'onsemi']);
    expect(first.code).toBe(0);
    const document = JSON.parse(first.stdout) as { taskId: string; status: string; classification: { id: string; ncm: string; partnumber: string } };
    expect(document).toMatchObject({ status: 'done', classification: { partnumber: 'BC547' } });
    expect(document.classification.ncm).toMatch(/^\d{8}$/);
    const task = await nexa.client().task.get.query({ taskId: document.taskId });
    expect(task).toMatchObject({ status: 'done', manufacturer: 'onsemi', description: 'transistor' });

    const again = await runNexa(['--url', nexa.nexa.url, '--token', nexa.token, '--json', 'classify', 'BC547']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('answered from history');
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'done', classification: { id: document.classification.id } });
  });

  it('exits 1 with the reason when the classification fails', async () => {
    const failing: AiClassifier = {
      name: 'failing',
      classify: async () => {
        throw new Error('AI server answered 500');
      },
    };
    await using nexa = await startTestNexa({ classifier: failing, env: { JOB_ATTEMPTS: '1' } });
    const run = await runNexa(['--url', nexa.nexa.url, '--token', nexa.token, '--json', 'classify', 'XYZ123']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'failed', error: expect.stringContaining('AI server answered 500') });
  });

  it('exits 2 naming the field when the server rejects the input', async () => {
    await using nexa = await startTestNexa();
    const run = await runNexa(['--url', nexa.nexa.url, '--token', nexa.token, 'classify', 'ab']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('BAD_REQUEST');
    expect(run.stderr).toContain('partnumber must have at least 3 characters');
    expect(run.stdout).toBe('');
  });
});

describe('nexa watch', () => {
  it('prints every event as a JSON line with its id, ending with the result', async () => {
    await using nexa = await startTestNexa();
    const { taskId } = await nexa.client().classification.submit.mutate({ partnumber: 'NE555', description: 'timer integrated circuit' });
    const run = await runNexa(['--url', nexa.nexa.url, '--token', nexa.token, 'watch', taskId, '--json']);
    expect(run.code).toBe(0);
    const events = jsonLines(run.stdout);
    expect(events[0]).toMatchObject({ type: 'queued', taskId });
    expect(events.at(-1)).toMatchObject({ type: 'result', taskId, classification: { partnumber: 'NE555' } });
    for (const event of events) expect(event.id).toMatch(/^\d+-\d+$/);

    const resumed = await runNexa(['--url', nexa.nexa.url, '--token', nexa.token, '--json', 'watch', taskId, '--from', String(events[0]!.id)]);
    expect(resumed.code).toBe(0);
    expect(jsonLines(resumed.stdout).map((event) => event.id)).toEqual(events.slice(1).map((event) => event.id));

    // Resuming after the last event: nothing more comes, and the task's own end decides the exit code.
    const afterTheEnd = await runNexa(['--url', nexa.nexa.url, '--token', nexa.token, '--json', 'watch', taskId, '--from', String(events.at(-1)!.id)]);
    expect(afterTheEnd.code).toBe(0);
    expect(afterTheEnd.stdout).toBe('');
    expect(afterTheEnd.stderr).toContain(`task ${taskId} had already ended (done)`);
  });

  it('follows over SSE too and prints the classification', async () => {
    await using nexa = await startTestNexa();
    const { taskId } = await nexa.client().classification.submit.mutate({ partnumber: 'TL431', description: 'voltage reference' });
    const run = await runNexa(['--url', nexa.nexa.url, '--token', nexa.token, '--transport', 'sse', 'watch', taskId]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/TL431 {2}→ {2}NCM/);
  });

  it('exits 5 for a task that does not exist', async () => {
    await using nexa = await startTestNexa();
    const run = await runNexa(['--url', nexa.nexa.url, '--token', nexa.token, 'watch', '00000000-0000-4000-8000-000000000000']);
    expect(run.code).toBe(5);
    expect(run.stderr).toContain('NOT_FOUND');
  });

  it('stops cleanly on Ctrl-C: exit 130, no stack trace', async () => {
    const gated = gatedClassifier();
    await using nexa = await startTestNexa({ classifier: gated.classifier });
    const { taskId } = await nexa.client().classification.submit.mutate({ partnumber: 'GATED1' });
    await gated.atGate;
    const watching = spawnNexa(['--url', nexa.nexa.url, '--token', nexa.token, 'watch', taskId]);
    await watching.waitForOutput(/step 2/);
    watching.child.kill('SIGINT');
    const run = await watching.exited;
    gated.open();
    expect(run.code).toBe(130);
    expect(run.stderr).toContain('interrupted');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
  });
});
