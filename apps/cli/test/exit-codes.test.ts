import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { CliError, ExitCode, toCliError } from '../src/exit-codes';

const serverError = (code: string, httpStatus: number) =>
  TRPCClientError.from({ error: { message: `${code.toLowerCase()} happened`, code: -32000, data: { code, httpStatus } } });

describe('exit codes for what the server answers', () => {
  it.each([
    ['UNAUTHORIZED', 401, ExitCode.unauthorized],
    ['FORBIDDEN', 403, ExitCode.unauthorized],
    ['BAD_REQUEST', 400, ExitCode.usage],
    ['CONFLICT', 409, ExitCode.usage],
    ['NOT_FOUND', 404, ExitCode.notFound],
    ['SERVICE_UNAVAILABLE', 503, ExitCode.serverError],
    ['INTERNAL_SERVER_ERROR', 500, ExitCode.serverError],
  ])('%s → its exit code, with the reason', (code, httpStatus, exitCode) => {
    const failure = toCliError(serverError(code, httpStatus), 'http://nexa');
    expect(failure.exitCode).toBe(exitCode);
    expect(failure.message).toContain(`${code.toLowerCase()} happened`);
  });

  it('tells an unauthorized user where the token comes from', () => {
    expect(toCliError(serverError('UNAUTHORIZED', 401), 'http://nexa').message).toMatch(/--token, NEXA_TOKEN or `nexa login`/);
  });

  it('treats a refused connection as unreachable, and keeps a CliError as it is', () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    expect(toCliError(TRPCClientError.from(refused), 'http://nexa:1').exitCode).toBe(ExitCode.unreachable);
    const own = new CliError('mine', ExitCode.usage);
    expect(toCliError(own, 'http://nexa')).toBe(own);
  });
});
