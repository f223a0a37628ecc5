import { startTestNexa } from '@nexa/tests';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../src/exit-codes';
import { runNexa } from './run-nexa';

describe('nexa keys create and nexa tasks', () => {
  it('creates an API key that then works as the credential, and lists only the caller’s tasks', async () => {
    await using nexa = await startTestNexa();
    const created = await runNexa(['--url', nexa.nexa.url, '--token', nexa.token, '--json', 'keys', 'create', '--name', 'erp-sync']);
    expect(created.code).toBe(0);
    const key = (JSON.parse(created.stdout) as { key: string; name: string }).key;
    expect(key).toMatch(/^nexa_/);

    const mine = await nexa.client().classification.submit.mutate({ partnumber: 'CLI-TASKS-1' });
    const other = await nexa.createUser();
    await other.client().classification.submit.mutate({ partnumber: 'CLI-TASKS-OTHER' });

    const listed = await runNexa(['--url', nexa.nexa.url, '--token', key, '--json', 'tasks', '--limit', '10']);
    expect(listed.code).toBe(0);
    const tasks = (JSON.parse(listed.stdout) as { items: Array<{ id: string; partnumber: string }> }).items;
    expect(tasks.map((task) => task.id)).toEqual([mine.taskId]);

    const text = await runNexa(['--url', nexa.nexa.url, '--token', key, 'tasks']);
    expect(text.stdout).toContain('CLI-TASKS-1');
    expect(text.stdout).not.toContain('CLI-TASKS-OTHER');
  });

  it('with a bad credential exits 4 with the reason', async () => {
    await using nexa = await startTestNexa();
    const refused = await runNexa(['--url', nexa.nexa.url, '--token', 'nexa_not-a-real-key', 'tasks']);
    expect(refused.code).toBe(ExitCode.unauthorized);
    expect(refused.stderr.toLowerCase()).toMatch(/unauthori|credential|sign in/);
  });
});
