/** Why a whole file was refused; the HTTP layer maps `code` to a status (`httpStatusOfIntakeError`). */
export type IntakeErrorCode = 'EMPTY_FILE' | 'UNREADABLE_FILE' | 'UNSUPPORTED_TYPE' | 'FILE_TOO_LARGE' | 'NO_PARTNUMBER_COLUMN' | 'NO_ITEMS';

export class IntakeError extends Error {
  constructor(
    readonly code: IntakeErrorCode,
    message: string,
    /** For NO_ITEMS: every row that was refused, so the sender can fix the file. */
    readonly rejected: ReadonlyArray<{ row: number; column: string; reason: string }> = [],
  ) {
    super(message);
    this.name = 'IntakeError';
  }
}

export function httpStatusOfIntakeError(code: IntakeErrorCode): 400 | 413 | 415 {
  if (code === 'FILE_TOO_LARGE') return 413;
  if (code === 'UNSUPPORTED_TYPE') return 415;
  return 400;
}
