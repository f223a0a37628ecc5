export {
  NcmTableError,
  parseNcmTable,
  parseComexstatCsv,
  loadNcmTableFromFile,
  loadComexstatFromFile,
  parseComexstatTranslations,
  loadComexstatTranslationsFromFile,
  parseHsCsv,
  loadHsFromFile,
  normalizeNcmCode,
  stripHtml,
  isInForce,
  type NcmEntry,
  type NcmTable,
} from './table.js';
export { findRepoRoot, sharedDataDir, defaultNcmTablePath, defaultComexstatPath, defaultHsPath, defaultEvalSetPath } from './paths.js';
export {
  createReferenceEngine,
  DEFAULT_TUNING,
  ENGINE_NAME,
  type ReferenceEngine,
  type ReferenceEngineOptions,
  type ClassifyInput,
  type Candidate,
  type EngineResult,
  type ScoringTuning,
} from './engine.js';
export { NEEDS_REVIEW_BELOW } from './confidence.js';
export { ClassificationMemory, normalizePartnumber, type ApprovedClassification, type WithdrawnApproval } from './memory.js';
export { foldText, tokenize, contentTerms, isStopWord } from './text/normalize.js';
export { stemPortuguese } from './text/stem.js';
export { nomenclatureWordingOf, TRADE_ALIASES, type TradeAlias } from './vocabulary.js';
export { SPEC_HINTS, matchSpecHints, type SpecHint } from './hints.js';
export { loadDefaultEngine } from './default-engine.js';
