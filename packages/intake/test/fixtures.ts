import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { readZipEntries } from '../src/zip-entries';

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

export interface ZipFile {
  name: string;
  data: Uint8Array;
  /** Written into the headers instead of the real size: an archive that lies about its contents. */
  declaredSize?: number;
}

/** A ZIP archive of deflated entries with local headers, a central directory and an end record. */
export function zipOf(files: ZipFile[]): Uint8Array {
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name);
    const compressed = deflateRawSync(file.data);
    const size = file.declaredSize ?? file.data.byteLength;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc32(file.data), 14);
    local.writeUInt32LE(compressed.byteLength, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.byteLength, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    local.copy(central, 6, 4, 30); // version needed … name length, then no extra, comment or attributes
    central.writeUInt32LE(offset, 42);
    parts.push(local, name, compressed);
    directory.push(central, name);
    offset += local.byteLength + name.byteLength + compressed.byteLength;
  }
  const directoryBytes = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directoryBytes.byteLength, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, directoryBytes, end]));
}

/**
 * A real workbook (`Part Number` / `ABC-1`) whose sheet XML is padded with `padding` spaces, rezipped:
 * valid XML that compresses about a thousand to one, like a ZIP bomb.
 */
export async function paddedWorkbook(padding: number, declaredSheetSize?: (realSize: number) => number): Promise<Uint8Array> {
  const files = readZipEntries(await xlsxOf([['Part Number'], ['ABC-1']])).map(({ name, method, data }) => ({ name, data: method === 8 ? inflateRawSync(data) : data }));
  return zipOf(
    files.map((file) => {
      if (file.name !== 'xl/worksheets/sheet1.xml') return file;
      const data = Buffer.from(Buffer.from(file.data).toString('utf8').replace('<sheetData>', `<sheetData>${' '.repeat(padding)}`));
      return { name: file.name, data, declaredSize: declaredSheetSize?.(data.byteLength) };
    }),
  );
}
