/**
 * PostgreSQL text cannot hold U+0000: a string with one reached the database as a failed statement
 * (a 500) instead of a clear BAD_REQUEST. Returns the path of the first such string in an input.
 */
export function pathOfNulCharacter(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = pathOfNulCharacter(value[index], [...path, String(index)]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, member] of Object.entries(value)) {
      const found = pathOfNulCharacter(member, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
