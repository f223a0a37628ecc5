import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const resultsDir = fileURLToPath(new URL('../../../bench/results/', import.meta.url));

export async function writeResult(name: string, figures: object): Promise<void> {
  await mkdir(resultsDir, { recursive: true });
  const document = { benchmark: name, recordedAt: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length, ...figures };
  await writeFile(path.join(resultsDir, `${name}.json`), `${JSON.stringify(document, null, 2)}\n`);
  console.log(JSON.stringify(document, null, 2));
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
