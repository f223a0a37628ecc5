import type { RawRow } from '../rows';

/** One line of a PDF's extracted text, numbered from 1 across all pages. */
export interface PdfLine {
  line: number;
  text: string;
}

/**
 * How to read one kind of purchase order. Add a supplier: write `pdf-layouts/<supplier>.ts`
 * exporting a `PdfLayout`, and list it in `pdf-layouts/index.ts` before `generic`.
 */
export interface PdfLayout {
  /** Shown in the upload answer (`layout`). */
  name: string;
  /** Whether this layout reads the document (e.g. the supplier's name in the header). */
  matches(text: string): boolean;
  /** Raw rows (`row` = the line where the item starts); validation happens afterwards. */
  parse(lines: readonly PdfLine[]): RawRow[];
}
