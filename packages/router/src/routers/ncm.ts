import { NcmImportError, ncmEntryView, ncmGetInput, ncmImportInput, ncmImportReport, ncmSearchHit, ncmSearchInput } from '@nexa/contracts';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { adminProcedure, createTRPCRouter, protectedProcedure } from '../trpc';

export const ncmRouter = createTRPCRouter({
  get: protectedProcedure
    .input(ncmGetInput)
    .output(ncmEntryView)
    .query(async ({ ctx, input }) => {
      const entry = await ctx.ncm.get(input.code);
      if (!entry) throw new TRPCError({ code: 'NOT_FOUND', message: `NCM code ${input.code} is not in the table` });
      return entry;
    }),

  search: protectedProcedure
    .input(ncmSearchInput)
    .output(z.array(ncmSearchHit))
    .query(({ ctx, input }) => ctx.ncm.search(input.query, input.limit)),

  /** Admins only: it reads a file on the server or fetches a URL, and replaces the table everyone classifies against. */
  import: adminProcedure
    .input(ncmImportInput)
    .output(ncmImportReport)
    .mutation(async ({ ctx, input }) => {
      try {
        return await ctx.ncm.import(input);
      } catch (error) {
        if (error instanceof NcmImportError) throw new TRPCError({ code: 'BAD_REQUEST', message: error.message, cause: error });
        throw error;
      }
    }),
});
