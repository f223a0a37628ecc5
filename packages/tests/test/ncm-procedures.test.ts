import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { firstEdition } from '@nexa/testing';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNexa, type TestNexa } from '../src/index';

describe.each(['postgres', 'pglite'] as const)('ncm procedures on %s', (database) => {
  let nexa: TestNexa;
  let dir: string;
  beforeAll(async () => {
    nexa = await startTestNexa({ database });
    dir = await mkdtemp(path.join(tmpdir(), 'nexa-ncm-'));
    await writeFile(path.join(dir, 'ncm.json'), JSON.stringify(firstEdition));
  });
  afterAll(async () => {
    await nexa[Symbol.asyncDispose]();
    await rm(dir, { recursive: true, force: true });
  });

  type ClientError = Error & { data: { code: string; httpStatus: number } };
  const errorOf = (promise: Promise<unknown>): Promise<ClientError> =>
    promise.then(
      () => {
        throw new Error('expected the call to fail');
      },
      (error: unknown) => {
        expect(error).toBeInstanceOf(TRPCClientError);
        return error as ClientError;
      },
    );

  it('ncm.import loads a table and reports it; a bad source is BAD_REQUEST', async () => {
    const client = (await nexa.createUser({ role: 'admin' })).client();
    expect(await client.ncm.import.mutate({ source: path.join(dir, 'ncm.json') })).toMatchObject({ total: 13, added: 13, removed: 0, changed: 0 });
    const missing = await errorOf(client.ncm.import.mutate({ source: path.join(dir, 'missing.json') }));
    expect(missing.data.code).toBe('BAD_REQUEST');
    expect(missing.message).toContain('cannot read the NCM table');
  });

  it('ncm.import is for admins only: an ordinary user is FORBIDDEN, and nothing is imported', async () => {
    const refused = await errorOf(nexa.client().ncm.import.mutate({ source: path.join(dir, 'ncm.json') }));
    expect(refused.data.code).toBe('FORBIDDEN');
    expect(refused.data.httpStatus).toBe(403);
    const anonymous = await errorOf(nexa.client({ token: null }).ncm.import.mutate({ source: path.join(dir, 'ncm.json') }));
    expect(anonymous.data.code).toBe('UNAUTHORIZED');
  });

  it('ncm.get accepts dotted and plain codes, answers NOT_FOUND for unknown and BAD_REQUEST for malformed ones', async () => {
    const client = nexa.client();
    const dotted = await client.ncm.get.query({ code: '8542.33.20' });
    expect(dotted).toMatchObject({ code: '85423320', description: 'Amplificadores operacionais' });
    expect(dotted.path).toContain('Circuitos integrados eletrônicos. > ');
    expect(await client.ncm.get.query({ code: '85423320' })).toEqual(dotted);
    expect((await client.ncm.get.query({ code: '85.42' })).description).toBe('Circuitos integrados eletrônicos.');

    const unknown = await errorOf(client.ncm.get.query({ code: '9999.99.99' }));
    expect(unknown.data.code).toBe('NOT_FOUND');
    expect(unknown.data.httpStatus).toBe(404);
    for (const code of ['8542-33-20', 'abc', '123', '']) {
      const malformed = await errorOf(client.ncm.get.query({ code }));
      expect(malformed.data.code).toBe('BAD_REQUEST');
      expect(malformed.message).toMatch(/^code: /);
    }
  });

  it('ncm.search ranks codes by their words and paths', async () => {
    const hits = await nexa.client().ncm.search.query({ query: 'amplificadores operacionais', limit: 3 });
    expect(hits[0]).toMatchObject({ code: '85423320', dotted: '8542.33.20' });
    expect(hits[0]!.score).toBeGreaterThan(0);
    const tooShort = await errorOf(nexa.client().ncm.search.query({ query: 'a' }));
    expect(tooShort.data.code).toBe('BAD_REQUEST');
  });
});
