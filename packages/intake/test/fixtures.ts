import ExcelJS from 'exceljs';
import { PDFDocument, StandardFonts } from 'pdf-lib';

export async function xlsxOf(rows: unknown[][], sheetName = 'Itens'): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A PDF whose pages hold these lines, top to bottom (about 50 lines a page). */
export async function pdfOf(lines: string[]): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (let start = 0; start < lines.length; start += 50) {
    const page = document.addPage();
    let y = 800;
    for (const line of lines.slice(start, start + 50)) {
      page.drawText(line, { x: 40, y, size: 9, font });
      y -= 14;
    }
  }
  return document.save();
}
