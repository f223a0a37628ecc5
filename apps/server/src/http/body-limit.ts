import { Transform } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * `/trpc/classification.submitBatch` alone or in a batched call (`/trpc/task.get,classification.submitBatch?batch=1`),
 * or its REST form `POST /api/batches`.
 */
const isBatchSubmission = (url: string) => /^\/trpc\/[^?]*\bclassification\.submitBatch\b/.test(url) || isPath(url, '/api/batches');
const isUpload = (url: string) => isPath(url, '/api/uploads');
const isPath = (url: string, path: string) => url === path || url.startsWith(`${path}?`);

function bodyTooLarge(limit: number) {
  return Object.assign(new Error(`Request body is too large (more than ${limit} bytes)`), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
}

/**
 * Holds every request body to `limit`, except batch submissions and uploads, which may be as large as
 * the server-wide body limit (`UPLOAD_MAX_BYTES`; uploads are bounded by their own file-size limit).
 * Checks the declared length first and counts the bytes of a chunked body as they arrive.
 */
export function limitBodies(app: FastifyInstance, limit: number) {
  app.addHook('preParsing', async (request: FastifyRequest, _reply, payload) => {
    if (isBatchSubmission(request.url) || isUpload(request.url)) return payload;
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) throw bodyTooLarge(limit);
    let received = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        if (received > limit) done(bodyTooLarge(limit));
        else done(null, chunk);
      },
    });
    payload.on('error', (error) => counted.destroy(error));
    return payload.pipe(counted);
  });
}
