import { startTestNexa } from '@nexa/tests';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../src/exit-codes';
import { runNexa } from './run-nexa';

describe('nexa review', () => {
  it('approves and overrides a classification shown by classify, and the override answers the next submission', async () => {
    await using nexa = await startTestNexa();
    const nexaRun = (args: string[]) => runNexa(['--url', nexa.nexa.url, '--token', nexa.token, ...args]);
    const classified = await nexaRun(['classify', 'CLI-REVIEW-1', '--description', 'circuito integrado']);
    expect(classified.code).toBe(0);
    const id = /\n {2}id ([0-9a-f-]{36})/.exec(classified.stdout)?.[1];
    expect(id).toBeDefined();

    const approved = await nexaRun(['review', id!, 'approve', '--note', 'checked the datasheet']);
    expect(approved.code).toBe(0);
    expect(approved.stdout).toMatch(/^approve: ACTIVE → APPROVED, NCM \d{4}\.\d{2}\.\d{2}\n/);

    const overridden = await nexaRun(['--json', 'review', id!, 'override', '8542.39.90']);
    expect(overridden.code).toBe(0);
    expect(JSON.parse(overridden.stdout)).toMatchObject({ classification: { ncm: '85423990', status: 'APPROVED', engine: 'manual' }, replaced: { id, status: 'REPLACED' } });
    expect((await nexa.client().classification.submit.mutate({ partnumber: 'CLI-REVIEW-1' })).classifications[0]).toMatchObject({ ncm: '85423990' });
  });

  it('refuses a bad action, a missing or extra NCM and an unknown classification with the documented exit codes', async () => {
    await using nexa = await startTestNexa();
    const nexaRun = (args: string[]) => runNexa(['--url', nexa.nexa.url, '--token', nexa.token, ...args]);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const bless = await nexaRun(['review', unknown, 'bless']);
    expect(bless.code).toBe(ExitCode.usage);
    expect(bless.stderr).toContain('use approve, reject or override');
    expect((await nexaRun(['review', unknown, 'override'])).code).toBe(ExitCode.usage);
    expect((await nexaRun(['review', unknown, 'approve', '8542.39.90'])).code).toBe(ExitCode.usage);
    const missing = await nexaRun(['review', unknown, 'approve']);
    expect(missing.code).toBe(ExitCode.notFound);
    expect(missing.stderr).toContain('NOT_FOUND');
  });
});
