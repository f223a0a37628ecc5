import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WORKSPACE_MARKER = 'pnpm-workspace.yaml';

/** Walks up from `startDir` to the folder holding pnpm-workspace.yaml (the monorepo root). */
export function findRepoRoot(startDir: string = path.dirname(fileURLToPath(import.meta.url))): string {
  let current = path.resolve(startDir);
  for (;;) {
    if (existsSync(path.join(current, WORKSPACE_MARKER))) return current;
    const parent = path.dirname(current);
    if (parent === current) {
      throw new Error(`Could not find ${WORKSPACE_MARKER} above ${startDir}`);
    }
    current = parent;
  }
}

/** Shared reference data: $NEXA_SHARED_DATA_DIR, else `<repoRoot>/../shared/data`. */
export function sharedDataDir(): string {
  const fromEnv = process.env['NEXA_SHARED_DATA_DIR'];
  if (fromEnv && fromEnv.trim() !== '') return path.resolve(fromEnv);
  return path.resolve(findRepoRoot(), '../shared/data');
}

function existingSharedFile(...segments: string[]): string | null {
  const candidate = path.join(sharedDataDir(), ...segments);
  return existsSync(candidate) ? candidate : null;
}

export function defaultNcmTablePath(): string | null {
  return existingSharedFile('ncm', 'ncm.json');
}

export function defaultComexstatPath(): string | null {
  return existingSharedFile('ncm', 'comexstat_ncm.csv');
}

export function defaultEvalSetPath(): string | null {
  return existingSharedFile('eval', 'cest_ncm.jsonl');
}

export function defaultHsPath(): string | null {
  return existingSharedFile('ncm', 'hs2022.csv');
}
