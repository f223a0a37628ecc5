import { createNexaClient } from '@nexa/client';
import { readFile, writeFile } from 'node:fs/promises';
import WebSocket from 'ws';
import { readErpExport, toCsv } from './erp-csv';
import { syncErpExport } from './sync';

// Usage: NEXA_URL=http://127.0.0.1:3000 [NEXA_TOKEN=…] pnpm --filter @nexa/example-erp-sync start <export.csv> <result.csv>
const [input, output = 'ncm-result.csv'] = process.argv.slice(2);
if (!input) {
  process.stderr.write('usage: erp-sync <export.csv> [result.csv]\n');
  process.exit(2);
}

const client = createNexaClient({ url: process.env.NEXA_URL ?? 'http://127.0.0.1:3000', token: process.env.NEXA_TOKEN, WebSocket });
try {
  const parts = readErpExport(await readFile(input, 'utf8'));
  const synced = await syncErpExport(client, parts, {
    onProgress: (done, total, part) => process.stderr.write(`${done}/${total} ${part.partnumber}: ${part.status === 'done' ? part.ncm : part.error}\n`),
  });
  await writeFile(
    output,
    toCsv(
      ['partnumber', 'description', 'ncm', 'ncm_description', 'confidence', 'status', 'error'],
      synced.map((part) => [
        part.partnumber,
        part.description ?? '',
        part.status === 'done' ? part.ncm : '',
        part.status === 'done' ? part.ncmDescription : '',
        part.status === 'done' ? part.confidence : '',
        part.status,
        part.status === 'failed' ? part.error : '',
      ]),
    ),
  );
  const failed = synced.filter((part) => part.status === 'failed').length;
  process.stderr.write(`wrote ${output}: ${synced.length - failed} classified, ${failed} failed\n`);
  process.exitCode = failed > 0 ? 1 : 0;
} finally {
  await client.close();
}
