import { initTRPC, TRPCError } from '@trpc/server';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerRestRoutes, retryAfterHeaders } from '../src/http/api-errors';

/** A refusal as the router's rate limits raise it, with the wait they decided on. */
const rateLimited = (cause?: { retryAfterSeconds: number }) =>
  new TRPCError({ code: 'TOO_MANY_REQUESTS', message: 'too many submissions; try again in 47 s', ...(cause ? { cause } : {}) });

describe('Retry-After', () => {
  it('is sent with a REST 429 when the refusal carries its wait, and not otherwise', async () => {
    const app = Fastify();
    await registerRestRoutes(app, async (rest) => {
      rest.post('/api/limited', async () => {
        throw rateLimited({ retryAfterSeconds: 47 });
      });
      rest.post('/api/limited-without-wait', async () => {
        throw rateLimited();
      });
    });
    const limited = await app.inject({ method: 'POST', url: '/api/limited' });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('47');
    expect(limited.json()).toEqual({ code: 'TOO_MANY_REQUESTS', message: 'too many submissions; try again in 47 s' });
    const withoutWait = await app.inject({ method: 'POST', url: '/api/limited-without-wait' });
    expect(withoutWait.statusCode).toBe(429);
    expect(withoutWait.headers['retry-after']).toBeUndefined();
    await app.close();
  });

  it('is sent with a tRPC HTTP 429, as buildServer sets it through responseMeta', async () => {
    const t = initTRPC.create();
    const router = t.router({
      submit: t.procedure.mutation(() => {
        throw rateLimited({ retryAfterSeconds: 12 });
      }),
      read: t.procedure.query(() => 'fine'),
    });
    const app = Fastify();
    await app.register(fastifyTRPCPlugin, {
      prefix: '/trpc',
      trpcOptions: { router, responseMeta: ({ errors }) => ({ headers: retryAfterHeaders(errors) }) },
    } satisfies FastifyTRPCPluginOptions<typeof router>);
    const limited = await app.inject({ method: 'POST', url: '/trpc/submit', headers: { 'content-type': 'application/json' }, payload: '{}' });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('12');
    const fine = await app.inject({ method: 'GET', url: '/trpc/read' });
    expect(fine.statusCode).toBe(200);
    expect(fine.headers['retry-after']).toBeUndefined();
    await app.close();
  });
});
