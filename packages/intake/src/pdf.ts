import { extractText, getDocumentProxy } from 'unpdf';
import { IntakeError } from './errors';
import { pdfLayouts, type PdfLayout, type PdfLine } from './pdf-layouts';
import { validateRows, type IntakeResult } from './rows';

const isPdf = (bytes: Uint8Array) => new TextDecoder().decode(bytes.subarray(0, 1024)).includes('%PDF-');

export async function parsePdf(input: Uint8Array, layouts: readonly PdfLayout[] = pdfLayouts): Promise<IntakeResult> {
  if (input.byteLength === 0) throw new IntakeError('EMPTY_FILE', 'the file is empty');
  if (!isPdf(input)) throw new IntakeError('UNREADABLE_FILE', 'the file is not a PDF');
  let pages: string[];
  try {
    // pdf.js takes ownership of (detaches) the buffer it is given: pass a copy.
    const document = await getDocumentProxy(new Uint8Array(input));
    pages = (await extractText(document, { mergePages: false })).text;
  } catch (error) {
    throw new IntakeError('UNREADABLE_FILE', `the PDF could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const text = pages.join('\n');
  if (text.trim() === '') throw new IntakeError('EMPTY_FILE', 'the PDF has no text (a scanned image needs OCR first)');
  const lines: PdfLine[] = text.split(/\r?\n/).map((line, index) => ({ line: index + 1, text: line }));
  const layout = layouts.find((candidate) => candidate.matches(text)) ?? layouts.at(-1)!;
  const result = validateRows(layout.parse(lines));
  if (result.items.length === 0 && result.rejected.length === 0) {
    throw new IntakeError('NO_ITEMS', `no item lines were found in the PDF (layout ${layout.name})`);
  }
  return { format: 'pdf', layout: layout.name, ...result };
}
