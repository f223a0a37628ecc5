import { promisify } from 'node:util';
import { inflateRaw } from 'node:zlib';
import { IntakeError } from './errors';

/** One file inside a ZIP archive, as the central directory declares it. */
export interface ZipEntry {
  name: string;
  /** 0: stored, 8: deflated. */
  method: number;
  uncompressedSize: number;
  /** The entry's compressed bytes. */
  data: Uint8Array;
}

const END_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const END_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;
const MAX_COMMENT = 0xffff;
const ZIP64_MARKER = 0xffffffff;

const damaged = (reason: string) => new IntakeError('UNREADABLE_FILE', `the XLSX is not a valid ZIP archive: ${reason}`);

/**
 * Lists a ZIP archive's entries from its central directory without unpacking them. Only plain
 * single-disk, non-ZIP64 archives whose records all agree are accepted, so the entries read here are
 * the ones an unzipper (JSZip, inside ExcelJS) will unpack.
 */
export function readZipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (offset: number) => view.getUint16(offset, true);
  const u32 = (offset: number) => view.getUint32(offset, true);

  // The end record is the last signature, like JSZip finds it; it must end the file exactly.
  let end = -1;
  for (let offset = bytes.byteLength - 4; offset >= Math.max(0, bytes.byteLength - END_SIZE - MAX_COMMENT); offset--) {
    if (u32(offset) === END_SIGNATURE) {
      end = offset;
      break;
    }
  }
  if (end < 0 || end + END_SIZE > bytes.byteLength) throw damaged('no end of central directory (truncated or not a ZIP file)');
  if (end + END_SIZE + u16(end + 20) !== bytes.byteLength) throw damaged('bytes missing or left over after the central directory');
  const count = u16(end + 10);
  const directorySize = u32(end + 12);
  const directoryOffset = u32(end + 16);
  if (count === 0xffff || directorySize === ZIP64_MARKER || directoryOffset === ZIP64_MARKER) throw damaged('ZIP64 archives are not accepted');
  if (u16(end + 4) !== 0 || u16(end + 6) !== 0 || u16(end + 8) !== count) throw damaged('multi-volume archives are not accepted');
  if (directoryOffset + directorySize !== end) throw damaged('the central directory is not where the end record says');

  const entries: ZipEntry[] = [];
  let position = directoryOffset;
  for (let index = 0; index < count; index++) {
    if (position + CENTRAL_SIZE > end || u32(position) !== CENTRAL_SIGNATURE) throw damaged(`central directory entry ${index + 1} is damaged`);
    const method = u16(position + 10);
    const compressedSize = u32(position + 20);
    const uncompressedSize = u32(position + 24);
    const nameLength = u16(position + 28);
    const localOffset = u32(position + 42);
    const name = new TextDecoder().decode(bytes.subarray(position + CENTRAL_SIZE, Math.min(end, position + CENTRAL_SIZE + nameLength)));
    position += CENTRAL_SIZE + nameLength + u16(position + 30) + u16(position + 32);
    if (position > end) throw damaged(`central directory entry ${index + 1} is damaged`);
    if (compressedSize === ZIP64_MARKER || uncompressedSize === ZIP64_MARKER || localOffset === ZIP64_MARKER) throw damaged(`${name} is a ZIP64 entry, which is not accepted`);
    if (method !== 0 && method !== 8) throw damaged(`${name} uses compression method ${method}`);
    if (method === 0 && compressedSize !== uncompressedSize) throw damaged(`${name} is stored but its sizes differ`);
    if (localOffset + LOCAL_SIZE > directoryOffset || u32(localOffset) !== LOCAL_SIGNATURE) throw damaged(`the local header of ${name} is damaged`);
    const dataOffset = localOffset + LOCAL_SIZE + u16(localOffset + 26) + u16(localOffset + 28);
    if (dataOffset + compressedSize > directoryOffset) throw damaged(`${name} extends past the central directory`);
    entries.push({ name, method, uncompressedSize, data: bytes.subarray(dataOffset, dataOffset + compressedSize) });
  }
  if (position !== end) throw damaged('the central directory size does not match its entries');
  return entries;
}

const inflateRawAsync = promisify(inflateRaw);

/**
 * Unpacks a deflated entry, stopping as soon as it outgrows its declared size: JSZip checks the size
 * only after unpacking everything, so a false small size would let a bomb through.
 */
export async function checkDeclaredSize(entry: ZipEntry): Promise<void> {
  if (entry.method !== 8) return;
  let unpacked: number;
  try {
    unpacked = (await inflateRawAsync(entry.data, { maxOutputLength: Math.max(1, entry.uncompressedSize) })).byteLength;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw damaged(`${entry.name} unpacks to more than its declared ${entry.uncompressedSize} bytes`);
    throw damaged(`${entry.name} cannot be unpacked (${error instanceof Error ? error.message : String(error)})`);
  }
  if (unpacked !== entry.uncompressedSize) throw damaged(`${entry.name} unpacks to ${unpacked} bytes, not the declared ${entry.uncompressedSize}`);
}
