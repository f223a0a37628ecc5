import { formatNcm } from '@nexa/client';

export type NcmLevel = 'chapter' | 'heading' | 'subheading' | 'item';

/** The levels an 8-digit code belongs to, widest first: chapter 85, heading 8542, subheading 8542.31, item 8542.31.90. */
export function ncmHierarchy(ncm: string): { level: NcmLevel; code: string }[] {
  return [
    { level: 'chapter', code: ncm.slice(0, 2) },
    { level: 'heading', code: ncm.slice(0, 4) },
    { level: 'subheading', code: `${ncm.slice(0, 4)}.${ncm.slice(4, 6)}` },
    { level: 'item', code: formatNcm(ncm) },
  ];
}

export function formatPercent(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value);
}

export function formatDateTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' }).format(new Date(iso));
}
