import { arrowLayout } from './arrow';
import { genericLayout } from './generic';
import type { PdfLayout } from './types';

/** Tried in order; the first whose `matches` accepts the document reads it. `generic` stays last. */
export const pdfLayouts: readonly PdfLayout[] = [arrowLayout, genericLayout];

export { arrowLayout, genericLayout };
export type { PdfLayout, PdfLine } from './types';
