import { createReferenceEngine, type ReferenceEngine, type ReferenceEngineOptions } from './engine.js';
import { defaultComexstatPath, defaultNcmTablePath } from './paths.js';
import { loadComexstatFromFile, loadNcmTableFromFile, NcmTableError } from './table.js';

export interface DefaultEngineOptions extends Omit<ReferenceEngineOptions, 'table' | 'standaloneDescriptions'> {
  tablePath?: string;
  comexstatPath?: string | null;
}

/** Builds the engine from the shared data files (ncm.json + comexstat CSV when present). */
export function loadDefaultEngine(options: DefaultEngineOptions = {}): ReferenceEngine {
  const { tablePath: explicitTable, comexstatPath: explicitComexstat, ...rest } = options;
  const tablePath = explicitTable ?? defaultNcmTablePath();
  if (!tablePath) {
    throw new NcmTableError('NCM table not found: expected ../shared/data/ncm/ncm.json next to the repository or NEXA_SHARED_DATA_DIR');
  }
  const table = loadNcmTableFromFile(tablePath);
  const comexstatPath = explicitComexstat === undefined ? defaultComexstatPath() : explicitComexstat;
  const standaloneDescriptions = comexstatPath ? loadComexstatFromFile(comexstatPath) : undefined;
  return createReferenceEngine({ table, ...(standaloneDescriptions ? { standaloneDescriptions } : {}), ...rest });
}
