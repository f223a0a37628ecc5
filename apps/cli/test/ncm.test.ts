import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { firstEdition } from '@nexa/testing';
import { startTestNexa } from '@nexa/tests';
import { expect, it } from 'vitest';
import { runNexa } from './run-nexa';

it('nexa ncm import, get and search against the server', async () => {
  await using nexa = await startTestNexa();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nexa-cli-ncm-'));
  try {
    const table = path.join(dir, 'ncm.json');
    await writeFile(table, JSON.stringify(firstEdition));
    const admin = await nexa.createUser({ role: 'admin' });
    // Importing the table is an admin's job; reading it is anyone's.
    const url = ['--url', nexa.nexa.url, '--token', admin.token];

    const imported = await runNexa([...url, '--json', 'ncm', 'import', table]);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ total: 13, added: 13, removed: 0, changed: 0 });
    const missing = await runNexa([...url, 'ncm', 'import', path.join(dir, 'missing.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read the NCM table');

    const entry = await runNexa([...url, 'ncm', 'get', '8542.33.20']);
    expect(entry.code).toBe(0);
    expect(entry.stdout).toMatch(/^8542\.33\.20 {2}/);
    expect(entry.stdout).toContain('path ');
    const chapter = await runNexa([...url, '--json', 'ncm', 'get', '85.42']);
    expect(JSON.parse(chapter.stdout)).toMatchObject({ code: '8542', description: 'Circuitos integrados eletrônicos.' });
    expect((await runNexa([...url, 'ncm', 'get', '9999.99.99'])).code).toBe(5);
    expect((await runNexa([...url, 'ncm', 'get', '12x'])).code).toBe(2);

    const search = await runNexa([...url, '--json', 'ncm', 'search', 'amplificadores', 'operacionais', '--limit', '3']);
    expect(search.code).toBe(0);
    const hits = JSON.parse(search.stdout) as { code: string }[];
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThanOrEqual(3);
    for (const hit of hits) expect(hit.code).toMatch(/^\d{8}$/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
