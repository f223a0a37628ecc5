import { ITEMS_PAGE_MAX, taskId as taskIdSchema } from '@nexa/contracts';
import { buildCsv, buildXlsx, toExportRow, type ExportRow } from '@nexa/export';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiCaller } from './api-caller';
import { ApiError, sendApiError } from './api-errors';

export interface ExportRoutesOptions {
  callerFor(request: FastifyRequest): Promise<ApiCaller>;
}

async function exportRows(caller: ApiCaller, taskId: string): Promise<ExportRow[]> {
  const rows: ExportRow[] = [];
  let cursor: number | null = null;
  do {
    const page = await caller.task.items({ taskId, cursor, limit: ITEMS_PAGE_MAX });
    rows.push(...page.items.map(toExportRow));
    cursor = page.nextCursor;
  } while (cursor !== null);
  return rows;
}

const FORMATS = {
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', build: (rows: ExportRow[]) => buildXlsx(rows) },
  csv: { contentType: 'text/csv; charset=utf-8', build: async (rows: ExportRow[]) => buildCsv(rows) },
} as const;

/** `GET /api/tasks/:taskId/export.xlsx` and `.csv`: the task's items and their classifications. */
export async function exportRoutes(app: FastifyInstance, { callerFor }: ExportRoutesOptions) {
  for (const [extension, format] of Object.entries(FORMATS)) {
    app.get<{ Params: { taskId: string } }>(`/api/tasks/:taskId/export.${extension}`, async (request, reply) => {
      try {
        const caller = await callerFor(request);
        const taskId = taskIdSchema.safeParse(request.params.taskId);
        if (!taskId.success) throw new ApiError(400, 'BAD_REQUEST', 'taskId must be a UUID');
        const body = await format.build(await exportRows(caller, taskId.data));
        return reply
          .header('content-type', format.contentType)
          .header('content-disposition', `attachment; filename="nexa-${taskId.data}.${extension}"`)
          .send(body);
      } catch (error) {
        return sendApiError(request, reply, error);
      }
    });
  }
}
