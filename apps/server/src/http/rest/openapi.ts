import {
  BATCH_NAME_MAX,
  ncmEntryView,
  ncmSearchHit,
  submitBatchInput,
  submitBatchOutput,
  submitInput,
  submitOutput,
  eventGroup,
  taskCancelOutput,
  taskDeleteOutput,
  taskEvent,
  taskItemsInput,
  taskItemsPage,
  taskListInput,
  taskListOutput,
  taskView,
} from '@nexa/contracts';
import { z } from 'zod';
import { rejectedRow, uploadOutput } from '../uploads';
import { legacyClassifyAnswer, legacyClassifyBody } from './legacy-classify';

const apiError = z.object({
  code: z.string().describe('e.g. BAD_REQUEST, UNAUTHORIZED, NOT_FOUND, CONFLICT, FILE_TOO_LARGE, UNSUPPORTED_TYPE, TOO_MANY_REQUESTS, SERVICE_UNAVAILABLE'),
  message: z.string(),
  fieldErrors: z.array(z.object({ path: z.string(), message: z.string() })).optional().describe('one entry per invalid field'),
  rejected: z.array(rejectedRow).optional().describe('uploads: rows that were not read'),
});


/** Request bodies are described as clients send them (`input`), answers as Nexa sends them (`output`). */
const schemas = {
  SubmitInput: [submitInput, 'input'],
  SubmitOutput: [submitOutput, 'output'],
  SubmitBatchInput: [submitBatchInput, 'input'],
  SubmitBatchOutput: [submitBatchOutput, 'output'],
  UploadOutput: [uploadOutput, 'output'],
  TaskView: [taskView, 'output'],
  TaskItemsPage: [taskItemsPage, 'output'],
  TaskList: [taskListOutput, 'output'],
  TaskCancelOutput: [taskCancelOutput, 'output'],
  TaskDeleteOutput: [taskDeleteOutput, 'output'],
  TaskMessage: [z.union([taskEvent, eventGroup]), 'output'],
  NcmEntry: [ncmEntryView, 'output'],
  NcmSearchHits: [z.array(ncmSearchHit), 'output'],
  LegacyClassifyBody: [legacyClassifyBody, 'input'],
  LegacyClassifyAnswer: [legacyClassifyAnswer, 'output'],
  ApiError: [apiError, 'output'],
} as const;

type SchemaName = keyof typeof schemas;
const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: SchemaName, description: string) => ({ description, content: { 'application/json': { schema: ref(name) } } });
const ERRORS = {
  400: 'invalid input',
  401: 'no or bad credentials',
  404: 'not found, or not the caller’s',
  409: 'the idempotency key belongs to another partnumber’s task',
  413: 'the body or file is too large',
  415: 'wrong content type',
  429: 'over a rate limit; Retry-After says when to retry',
  503: 'a dependency is unavailable; retry',
} as const;
const retryAfter = { 'Retry-After': { description: 'seconds to wait before retrying', schema: { type: 'integer', minimum: 1 } } };
const errors = (...statuses: Array<keyof typeof ERRORS>) =>
  Object.fromEntries(statuses.map((status) => [String(status), { ...json('ApiError', ERRORS[status]), ...(status === 429 ? { headers: retryAfter } : {}) }]));
const idempotencyKeyHeader = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: "the submission's idempotencyKey (the same key as the body's, when both are sent)",
  schema: { type: 'string', minLength: 8, maxLength: 128 },
};
const taskIdParam = { name: 'taskId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };

const jsonSchemaOf = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

function componentSchemas() {
  return Object.fromEntries(Object.entries(schemas).map(([name, [schema, io]]) => [name, jsonSchemaOf(schema, io)]));
}

/** A query string can leave a parameter out but cannot make it null. */
function withoutNull(schema: Record<string, unknown>): Record<string, unknown> {
  const { type, anyOf, ...rest } = schema as { type?: unknown; anyOf?: Array<Record<string, unknown>> };
  if (Array.isArray(type)) {
    const types = type.filter((name) => name !== 'null');
    return { ...rest, type: types.length === 1 ? types[0] : types };
  }
  if (!anyOf) return schema;
  const alternatives = anyOf.filter((alternative) => alternative.type !== 'null');
  return alternatives.length === 1 ? { ...rest, ...alternatives[0] } : { ...rest, anyOf: alternatives };
}

/** Query parameters described by the fields of a procedure's input schema, as clients send them. */
function queryParameters(input: z.ZodType, names: readonly string[]) {
  const { properties, required = [] } = jsonSchemaOf(input, 'input') as { properties: Record<string, Record<string, unknown>>; required?: string[] };
  return names.map((name) => ({ name, in: 'query', required: required.includes(name), schema: withoutNull(properties[name]!) }));
}

/** The OpenAPI 3.1 document of the REST routes, derived from the zod schemas in `@nexa/contracts`. */
export function buildOpenApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Nexa REST API',
      version: '1',
      description:
        'NCM classification of partnumbers. The same procedures are available over tRPC at /trpc (HTTP, WebSocket, SSE). Every answer carries x-correlation-id; send x-correlation-id or x-request-id to choose it.',
    },
    components: {
      schemas: componentSchemas(),
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'an access token (auth.login over /trpc) or an API key (nexa_…)' } },
    },
    security: [{ bearer: [] }],
    paths: {
      '/api/classifications': {
        post: {
          operationId: 'submitClassification',
          summary: 'Submit one partnumber (classification.submit)',
          parameters: [idempotencyKeyHeader],
          requestBody: { required: true, content: { 'application/json': { schema: ref('SubmitInput') } } },
          responses: { 200: json('SubmitOutput', 'answered from history'), 202: json('SubmitOutput', 'queued'), ...errors(400, 401, 409, 413, 415, 429, 503) },
        },
      },
      '/api/batches': {
        post: {
          operationId: 'submitBatch',
          summary: 'Submit many partnumbers as one task (classification.submitBatch)',
          parameters: [idempotencyKeyHeader],
          requestBody: { required: true, content: { 'application/json': { schema: ref('SubmitBatchInput') } } },
          responses: { 200: json('SubmitBatchOutput', 'every item answered from history'), 202: json('SubmitBatchOutput', 'queued'), ...errors(400, 401, 413, 415, 429, 503) },
        },
      },
      '/api/tasks': {
        get: {
          operationId: 'listTasks',
          summary: 'The caller’s tasks (every task for an admin), newest first, a page at a time (task.list)',
          parameters: queryParameters(taskListInput, ['status', 'cursor', 'limit']),
          responses: { 200: json('TaskList', 'a page of tasks; pass nextCursor as cursor for the next one'), ...errors(400, 401) },
        },
      },
      '/api/tasks/{taskId}': {
        get: {
          operationId: 'getTask',
          summary: 'A task, its classifications and the first page of its items (task.get)',
          parameters: [taskIdParam],
          responses: { 200: json('TaskView', 'the task'), ...errors(400, 401, 404, 503) },
        },
        delete: {
          operationId: 'deleteTask',
          summary: 'Delete a task, its items and its classifications except approved ones and those other tasks were answered with (task.delete)',
          parameters: [taskIdParam],
          responses: { 200: json('TaskDeleteOutput', 'deleted'), ...errors(400, 401, 404, 503) },
        },
      },
      '/api/tasks/{taskId}/items': {
        get: {
          operationId: 'taskItems',
          summary: 'A page of a task’s items in seq order (task.items)',
          parameters: [taskIdParam, ...queryParameters(taskItemsInput, ['cursor', 'limit'])],
          responses: { 200: json('TaskItemsPage', 'a page of items; pass nextCursor as cursor for the next one'), ...errors(400, 401, 404) },
        },
      },
      '/api/tasks/{taskId}/cancel': {
        post: {
          operationId: 'cancelTask',
          summary: 'Stop a batch, or a single task still queued (task.cancel); a task that already ended is left as it is',
          parameters: [taskIdParam],
          responses: { 200: json('TaskCancelOutput', 'cancelled: true when this call stopped the task'), ...errors(400, 401, 404) },
        },
      },
      '/api/tasks/{taskId}/events': {
        get: {
          operationId: 'taskEvents',
          summary: 'The task’s events as server-sent events (classification.events)',
          description:
            'Each SSE message has `id:` (the event id), `event:` (the message type) and `data:` (a TaskMessage as JSON). Reconnect with the `Last-Event-ID` header (or `?lastEventId=`) to resume after that event; the stream ends after the task’s last event. A task that has ended with nothing after `Last-Event-ID` answers 204, which stops an EventSource from reconnecting.',
          parameters: [
            taskIdParam,
            { name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'string', pattern: '^\\d+-\\d+$' } },
            { name: 'lastEventId', in: 'query', required: false, schema: { type: 'string', pattern: '^\\d+-\\d+$' } },
          ],
          responses: {
            200: { description: 'event stream', content: { 'text/event-stream': { schema: ref('TaskMessage') } } },
            204: { description: 'the task has ended and nothing follows Last-Event-ID' },
            ...errors(400, 401, 404),
          },
        },
      },
      '/api/tasks/{taskId}/export.xlsx': {
        get: {
          operationId: 'exportTaskXlsx',
          summary: 'The task’s items and classifications as a spreadsheet',
          parameters: [taskIdParam],
          responses: {
            200: { description: 'XLSX file', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } } },
            ...errors(400, 401, 404),
          },
        },
      },
      '/api/tasks/{taskId}/export.csv': {
        get: {
          operationId: 'exportTaskCsv',
          summary: 'The task’s items and classifications as CSV',
          parameters: [taskIdParam],
          responses: { 200: { description: 'CSV file', content: { 'text/csv': { schema: { type: 'string' } } } }, ...errors(400, 401, 404) },
        },
      },
      '/api/uploads': {
        post: {
          operationId: 'uploadFile',
          summary: 'A CSV, XLSX or PDF file of partnumbers becomes one batch task',
          parameters: [{ name: 'reclassify', in: 'query', required: false, schema: { type: 'boolean' } }, idempotencyKeyHeader],
          requestBody: {
            required: true,
            content: { 'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' }, reclassify: { type: 'boolean' }, name: { type: 'string', minLength: 1, maxLength: BATCH_NAME_MAX }, idempotencyKey: { type: 'string', minLength: 8, maxLength: 128 } } } } },
          },
          responses: { 201: json('UploadOutput', 'the batch task, how the file was read and the rows that were not'), ...errors(400, 401, 413, 415, 429, 503) },
        },
      },
      '/api/ncm/{code}': {
        get: {
          operationId: 'getNcm',
          summary: 'One entry of the NCM table (ncm.get)',
          parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' }, description: '2 to 8 digits, dots allowed (8542.31.90)' }],
          responses: { 200: json('NcmEntry', 'the entry'), ...errors(400, 401, 404) },
        },
      },
      '/api/ncm': {
        get: {
          operationId: 'searchNcm',
          summary: 'Search the NCM table (ncm.search)',
          parameters: [
            { name: 'query', in: 'query', required: true, schema: { type: 'string', minLength: 2, maxLength: 200 } },
            { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 50, default: 10 } },
          ],
          responses: { 200: json('NcmSearchHits', 'matching entries, best first'), ...errors(400, 401) },
        },
      },
      '/classify-partnumber': {
        post: {
          operationId: 'legacyClassifyPartnumber',
          summary: 'Compatibility with the earlier system: submit one partnumber, answer in its shape',
          description:
            'Mapping: task_id ← taskId; classifications[].fabricante ← manufacturer, pais ← country, confidence_score ← confidence, justificativa ← justification, alternativas ← alternatives, created_at ← createdAt. `?wait=<seconds>` (0–60) waits for the classification to finish.',
          parameters: [{ name: 'wait', in: 'query', required: false, schema: { type: 'number', minimum: 0, maximum: 60, default: 0 } }],
          requestBody: { required: true, content: { 'application/json': { schema: ref('LegacyClassifyBody') } } },
          responses: { 200: json('LegacyClassifyAnswer', 'classified (or failed)'), 202: json('LegacyClassifyAnswer', 'still queued or running'), ...errors(400, 401, 413, 415, 429, 503) },
        },
      },
    },
  };
}
