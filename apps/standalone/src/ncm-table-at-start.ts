import type { NcmCatalog } from '@nexa/contracts';

export interface NcmTableFiles {
  tablePath: string | null;
  comexstatPath: string | null;
}

const HOW_TO_IMPORT = [
  'No NCM table is loaded. Import the official Siscomex table ("Tabela NCM vigente", JSON) as an admin with',
  `  curl -X POST <nexa-url>/trpc/ncm.import -H "authorization: Bearer <admin access token>" -H 'content-type: application/json' -d '{"source":"/path/or/https/url/ncm.json"}'`,
  'or set NCM_TABLE_PATH and restart.',
].join('\n');

/** Imports the table file when the database has no NCM table yet; never stops Nexa from starting. */
export async function importNcmTableIfEmpty(catalog: NcmCatalog, files: NcmTableFiles, log: (message: string) => void): Promise<void> {
  if ((await catalog.count()) > 0) return;
  if (!files.tablePath) {
    log(HOW_TO_IMPORT);
    return;
  }
  try {
    const report = await catalog.import({ source: files.tablePath, ...(files.comexstatPath ? { comexstat: files.comexstatPath } : {}) });
    log(`Imported the NCM table ${report.version} (${report.act}): ${report.total} codes from ${files.tablePath}`);
  } catch (error) {
    log(`Could not import the NCM table from ${files.tablePath}: ${error instanceof Error ? error.message : String(error)}\n${HOW_TO_IMPORT}`);
  }
}
