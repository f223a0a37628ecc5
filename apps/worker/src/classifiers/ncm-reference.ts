import {
  createReferenceEngine,
  defaultComexstatPath,
  defaultNcmTablePath,
  isInForce,
  loadComexstatFromFile,
  loadNcmTableFromFile,
  type NcmEntry,
  type ReferenceEngine,
} from '@nexa/engine';

/** The reference engine and the table it was built from, to check codes an external model names. */
export interface NcmReference {
  engine: ReferenceEngine;
  /** The entry of an 8-digit code (digits only) that is in the table and in force, else null. */
  codeInForce(code: string): NcmEntry | null;
}

export class NcmTableMissingError extends Error {
  constructor() {
    super('No NCM table file: set NCM_TABLE_PATH to the official Siscomex JSON ("Tabela NCM vigente"), or put it at ../shared/data/ncm/ncm.json');
    this.name = 'NcmTableMissingError';
  }
}

export interface NcmReferenceFiles {
  tablePath?: string | undefined;
  comexstatPath?: string | undefined;
}

/** Explicit paths, else the shared reference data next to the repository. */
export function resolveNcmFiles({ tablePath, comexstatPath }: NcmReferenceFiles): { tablePath: string | null; comexstatPath: string | null } {
  return { tablePath: tablePath ?? defaultNcmTablePath(), comexstatPath: comexstatPath ?? defaultComexstatPath() };
}

export function loadNcmReference(files: NcmReferenceFiles = {}): NcmReference {
  const { tablePath, comexstatPath } = resolveNcmFiles(files);
  if (!tablePath) throw new NcmTableMissingError();
  const table = loadNcmTableFromFile(tablePath);
  const standaloneDescriptions = comexstatPath ? loadComexstatFromFile(comexstatPath) : undefined;
  const engine = createReferenceEngine({ table, ...(standaloneDescriptions ? { standaloneDescriptions } : {}) });
  return createNcmReference(engine, table.entries);
}

export function createNcmReference(engine: ReferenceEngine, entries: readonly NcmEntry[]): NcmReference {
  const byCode = new Map(entries.filter((entry) => entry.code.length === 8).map((entry) => [entry.code, entry]));
  return {
    engine,
    codeInForce(code) {
      const entry = byCode.get(code);
      return entry && isInForce(entry) ? entry : null;
    },
  };
}
