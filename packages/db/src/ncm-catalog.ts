import { readFile } from 'node:fs/promises';
import {
  NcmImportError,
  reportingUnavailability,
  type NcmCatalog,
  type NcmEntryView,
  type NcmImportInput,
  type NcmImportReport,
  type NcmSearchHit,
} from '@nexa/contracts';
import { contentTerms, NcmTableError, nomenclatureWordingOf, parseComexstatCsv, parseNcmTable, type NcmTable } from '@nexa/engine';
import { and, asc, eq, inArray, isNull, like, sql } from 'drizzle-orm';
import type { NexaDatabase } from './client';
import { isDatabaseConnectivityError } from './connectivity';
import { ncmEntries, ncmTables } from './schema';

type EntryRow = typeof ncmEntries.$inferSelect;
type NewEntryRow = typeof ncmEntries.$inferInsert;

/** Any constant: two imports at once would otherwise compute their differences from the same old table. */
const IMPORT_LOCK_KEY = 7_316_222;
const WRITE_CHUNK = 500;
const SOURCE_TIMEOUT_MS = 60_000;

/** The fields an import compares to decide whether a code changed. */
const COMPARED = ['dotted', 'description', 'depth', 'parent', 'path', 'validFrom', 'validTo', 'standaloneDescription'] as const;

/** Stemmed, accent-folded words, as the search query is turned into (see `search`). */
const searchWords = (...texts: Array<string | null | undefined>) => [...new Set(texts.flatMap((text) => (text ? contentTerms(text) : [])))].join(' ');

async function readSource(source: string, what: string): Promise<string> {
  if (/^https?:\/\//i.test(source)) {
    let response: Response;
    try {
      response = await fetch(source, { signal: AbortSignal.timeout(SOURCE_TIMEOUT_MS) });
    } catch (error) {
      throw new NcmImportError(`cannot download the ${what} from ${source}: ${(error as Error).message}`);
    }
    if (!response.ok) throw new NcmImportError(`cannot download the ${what} from ${source}: HTTP ${response.status}`);
    return response.text();
  }
  try {
    return await readFile(source, 'utf8');
  } catch (error) {
    throw new NcmImportError(`cannot read the ${what} at ${source}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

async function loadTable(source: string): Promise<NcmTable> {
  const text = await readSource(source, 'NCM table');
  try {
    return parseNcmTable(JSON.parse(text));
  } catch (error) {
    // The parser's message quotes the text, which is not the caller's to read when the source is not a table.
    if (error instanceof SyntaxError) throw new NcmImportError(`the NCM table at ${source} is not valid JSON`);
    if (error instanceof NcmTableError) throw new NcmImportError(`the NCM table at ${source} is invalid: ${error.message}`);
    throw error;
  }
}

async function loadComexstat(source: string): Promise<Map<string, string>> {
  const text = await readSource(source, 'Comex Stat table');
  try {
    return parseComexstatCsv(text);
  } catch (error) {
    if (error instanceof NcmTableError) throw new NcmImportError(`the Comex Stat table at ${source} is invalid: ${error.message}`);
    throw error;
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

/** An unreachable database surfaces as ServiceUnavailableError (SERVICE_UNAVAILABLE). */
export function createNcmCatalog(db: NexaDatabase): NcmCatalog {
  return reportingUnavailability(createRawNcmCatalog(db), 'database', isDatabaseConnectivityError);
}

function createRawNcmCatalog(db: NexaDatabase): NcmCatalog {
  return {
    async get(code) {
      const [row] = await db.select().from(ncmEntries).where(eq(ncmEntries.code, code));
      if (!row) return null;
      const ancestorCodes = [2, 4, 5, 6, 7].filter((length) => length < code.length).map((length) => code.slice(0, length));
      const ancestors =
        ancestorCodes.length === 0
          ? []
          : await db
              .select({ code: ncmEntries.code, dotted: ncmEntries.dotted, description: ncmEntries.description })
              .from(ncmEntries)
              .where(inArray(ncmEntries.code, ancestorCodes))
              .orderBy(asc(ncmEntries.code));
      return toView(row, ancestors);
    },

    async search(query, limit) {
      const inForce = and(
        isNull(ncmEntries.removedAt),
        sql`length(${ncmEntries.code}) = 8`,
        sql`(${ncmEntries.validTo} IS NULL OR ${ncmEntries.validTo} >= current_date)`,
      );
      const columns = { code: ncmEntries.code, dotted: ncmEntries.dotted, description: ncmEntries.description, path: ncmEntries.path };

      if (/^[\d.\s]+$/.test(query)) {
        const prefix = query.replace(/[.\s]/g, '');
        const rows = await db.select(columns).from(ncmEntries).where(and(inForce, like(ncmEntries.code, `${prefix}%`))).orderBy(asc(ncmEntries.code)).limit(limit);
        return rows.map((row): NcmSearchHit => ({ ...row, score: 1 }));
      }

      const words = [...new Set(contentTerms(query))];
      if (words.length === 0) return [];
      // Trade words the table does not use ("resistor", "notebook") are searched as the table's own wording too.
      const wordings = nomenclatureWordingOf(query).map((wording) => [...new Set(contentTerms(wording))]).filter((terms) => terms.length > 0);
      const allWords = [...new Set([...words, ...wordings.flat()])];
      // Stems match as prefixes too ("rolam" finds rolamentos), but a whole stem counts twice: "relé" is first the
      // relays, then "relevo". A code that has every word (of the query, or of one wording) ranks above one that has only some.
      const every = (terms: string[], suffix: string) => [terms, ...wordings].map((set) => `(${set.map((term) => term + suffix).join(' & ')})`).join(' | ');
      const anyWord = allWords.map((word) => `${word}:*`).join(' | ');
      const everyWord = every(words, ':*');
      const anyWhole = allWords.join(' | ');
      const everyWhole = every(words, '');
      const vector = ncmEntries.searchVector;
      const score = sql<number>`(
        2 * ts_rank(${vector}, to_tsquery('simple', ${anyWhole})) + ts_rank(${vector}, to_tsquery('simple', ${anyWord}))
        + CASE WHEN ${vector} @@ to_tsquery('simple', ${everyWhole}) THEN 2 WHEN ${vector} @@ to_tsquery('simple', ${everyWord}) THEN 1 ELSE 0 END
      )::float8`.as('score');
      const rows = await db
        .select({ ...columns, score })
        .from(ncmEntries)
        .where(and(inForce, sql`${ncmEntries.searchVector} @@ to_tsquery('simple', ${anyWord})`))
        .orderBy(sql`score DESC`, asc(ncmEntries.code))
        .limit(limit);
      return rows.map((row) => ({ ...row, score: Math.round(Number(row.score) * 10_000) / 10_000 }));
    },

    async import({ source, comexstat }: NcmImportInput): Promise<NcmImportReport> {
      const table = await loadTable(source);
      const standalone = comexstat ? await loadComexstat(comexstat) : null;

      return db.transaction(async (tx) => {
        await tx.execute(sql`SELECT pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`);
        const existing = new Map((await tx.select().from(ncmEntries)).map((row) => [row.code, row]));
        const incoming = new Set<string>();
        const writes: NewEntryRow[] = [];
        let added = 0;
        let changed = 0;

        for (const entry of table.entries) {
          incoming.add(entry.code);
          const before = existing.get(entry.code);
          const standaloneDescription = standalone ? (standalone.get(entry.code) ?? null) : (before?.standaloneDescription ?? null);
          const row = {
            code: entry.code,
            dotted: entry.dotted,
            description: entry.description,
            depth: entry.depth,
            parent: entry.parent,
            path: entry.pathText,
            validFrom: entry.validFrom,
            validTo: entry.validTo,
            standaloneDescription,
            searchOwn: searchWords(entry.description, standaloneDescription),
            searchPath: searchWords(...entry.path.slice(0, -1)),
            removedAt: null,
            updatedAt: new Date(),
          } satisfies NewEntryRow;
          if (!before || before.removedAt !== null) {
            added += 1;
            writes.push(row);
          } else if (COMPARED.some((field) => before[field] !== row[field])) {
            changed += 1;
            writes.push(row);
          }
        }

        for (const chunk of chunks(writes, WRITE_CHUNK)) {
          await tx
            .insert(ncmEntries)
            .values(chunk)
            .onConflictDoUpdate({
              target: ncmEntries.code,
              set: Object.fromEntries(
                ['dotted', 'description', 'depth', 'parent', 'path', 'valid_from', 'valid_to', 'standalone_description', 'search_own', 'search_path', 'removed_at', 'updated_at'].map(
                  (column) => [toCamel(column), sql.raw(`excluded.${column}`)],
                ),
              ),
            });
        }

        const removedCodes = [...existing.values()].filter((row) => row.removedAt === null && !incoming.has(row.code)).map((row) => row.code);
        for (const chunk of chunks(removedCodes, WRITE_CHUNK)) {
          await tx.update(ncmEntries).set({ removedAt: new Date(), updatedAt: new Date() }).where(inArray(ncmEntries.code, chunk));
        }

        const report: NcmImportReport = { version: table.version, act: table.act, total: table.entries.length, added, removed: removedCodes.length, changed };
        await tx.insert(ncmTables).values({ ...report, source, comexstatSource: comexstat ?? null });
        return report;
      });
    },

    async count() {
      const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(ncmEntries).where(isNull(ncmEntries.removedAt));
      return Number(row?.count ?? 0);
    },
  };
}

const toCamel = (column: string) => column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

function toView(row: EntryRow, ancestors: NcmEntryView['ancestors']): NcmEntryView {
  return {
    code: row.code,
    dotted: row.dotted,
    description: row.description,
    depth: row.depth,
    parent: row.parent,
    path: row.path,
    validFrom: row.validFrom,
    validTo: row.validTo,
    standaloneDescription: row.standaloneDescription,
    removedAt: row.removedAt?.toISOString() ?? null,
    ancestors,
  };
}
