import { formatNcm, type NcmEntryView } from '@nexa/client';

export type NcmLevel = 'chapter' | 'heading' | 'subheading' | 'item';

export interface NcmHierarchyStep {
  level: NcmLevel;
  /** Dotted as published: 17, 1701, 1701.9, 1701.99, 1701.99.00. */
  code: string;
  description: string | null;
}

/** Chapter (2 digits), heading (4), subheading (5 and 6: first and second level), item (7 and 8). */
const levelOfDigits = (digits: number): NcmLevel => (digits <= 2 ? 'chapter' : digits <= 4 ? 'heading' : digits <= 6 ? 'subheading' : 'item');

/**
 * The levels above and including an 8-digit code, widest first. With the code's table entry, exactly
 * the levels the table has (e.g. 17, 1701, 1701.9, 1701.99.00 when there is no 1701.99), with their
 * descriptions; without it (no table imported, or still loading), the codes of the usual levels.
 */
export function ncmHierarchy(ncm: string, entry?: Pick<NcmEntryView, 'code' | 'dotted' | 'description' | 'ancestors'> | null): NcmHierarchyStep[] {
  if (entry && entry.code === ncm) {
    return [...entry.ancestors, entry].map(({ code, dotted, description }) => ({ level: levelOfDigits(code.length), code: dotted, description }));
  }
  return [
    { level: 'chapter', code: ncm.slice(0, 2), description: null },
    { level: 'heading', code: ncm.slice(0, 4), description: null },
    { level: 'subheading', code: `${ncm.slice(0, 4)}.${ncm.slice(4, 6)}`, description: null },
    { level: 'item', code: formatNcm(ncm), description: null },
  ];
}

export function formatPercent(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value);
}

export function formatDateTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' }).format(new Date(iso));
}
