import { formatNcm, type NcmCatalog } from '@nexa/contracts';
import { TRPCError } from '@trpc/server';

/**
 * A code a person puts on a part must be one the table has and still in force. Without any table imported
 * there is nothing to check against, and the code's format alone is checked (by the input schema).
 */
export async function requireNcmInForce(ncm: NcmCatalog, code: string, today = new Date().toISOString().slice(0, 10)): Promise<void> {
  const entry = await ncm.get(code);
  if (!entry) {
    if ((await ncm.count()) === 0) return;
    throw new TRPCError({ code: 'BAD_REQUEST', message: `ncm ${formatNcm(code)} is not in the NCM table` });
  }
  if (entry.removedAt !== null || (entry.validTo !== null && entry.validTo < today)) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: `ncm ${formatNcm(code)} is no longer in force` });
  }
}
