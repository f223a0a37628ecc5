import { createReferenceEngine, type ReferenceEngine, type ReferenceEngineOptions } from './engine.js';
import { defaultComexstatPath, defaultHsPath, defaultNcmTablePath } from './paths.js';
import { loadHsFromFile, loadNcmTableFromFile, NcmTableError, parseComexstatCsv, parseComexstatTranslations } from './table.js';
import { readFileSync } from 'node:fs';

export interface DefaultEngineOptions
  extends Omit<ReferenceEngineOptions, 'table' | 'standaloneDescriptions' | 'translatedDescriptions' | 'hsDescriptions'> {
  tablePath?: string;
  comexstatPath?: string | null;
  /** HS 2022 English CSV; null to skip. */
  hsPath?: string | null;
}

/** Builds the engine from the shared data files (ncm.json + comexstat CSV when present). */
export function loadDefaultEngine(options: DefaultEngineOptions = {}): ReferenceEngine {
  const { tablePath: explicitTable, comexstatPath: explicitComexstat, hsPath: explicitHs, ...rest } = options;
  const tablePath = explicitTable ?? defaultNcmTablePath();
  if (!tablePath) {
    throw new NcmTableError('NCM table not found: expected ../shared/data/ncm/ncm.json next to the repository or NEXA_SHARED_DATA_DIR');
  }
  const table = loadNcmTableFromFile(tablePath);
  const comexstatPath = explicitComexstat === undefined ? defaultComexstatPath() : explicitComexstat;
  const comexstatText = comexstatPath ? readFileSync(comexstatPath, 'utf8') : null;
  const standaloneDescriptions = comexstatText !== null ? parseComexstatCsv(comexstatText) : undefined;
  const translatedDescriptions = comexstatText !== null ? parseComexstatTranslations(comexstatText) : undefined;
  const hsPath = explicitHs === undefined ? defaultHsPath() : explicitHs;
  const hsDescriptions = hsPath ? loadHsFromFile(hsPath) : undefined;
  return createReferenceEngine({
    table,
    ...(standaloneDescriptions ? { standaloneDescriptions } : {}),
    ...(translatedDescriptions ? { translatedDescriptions } : {}),
    ...(hsDescriptions ? { hsDescriptions } : {}),
    ...rest,
  });
}
