import { appRouter } from '@nexa/router';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startTestNexa } from '../../src/index';

interface ProcedureDef {
  _def: { type: 'query' | 'mutation' | 'subscription' };
}
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>).map(([path, procedure]) => ({
  path,
  type: procedure._def.type,
}));

// Inputs shaped like the real ones (so validation goes deep) mixed with anything JSON can carry.
const plausibleInput = fc.record(
  {
    partnumber: fc.oneof(fc.string({ maxLength: 80 }), fc.integer(), fc.constant(null)),
    description: fc.oneof(fc.string({ maxLength: 3000 }), fc.boolean()),
    taskId: fc.oneof(fc.uuid(), fc.string()),
    lastEventId: fc.oneof(fc.string(), fc.constant('1-0'), fc.integer()),
    reclassify: fc.oneof(fc.boolean(), fc.string()),
    idempotencyKey: fc.string({ maxLength: 200 }),
  },
  { requiredKeys: [] },
);
const anyInput = fc.oneof(plausibleInput, fc.jsonValue());

describe('any input to any procedure', () => {
  it('gets a typed 4xx answer or a success, never a 5xx, and the server keeps serving', async () => {
    await using nexa = await startTestNexa();
    const base = `${nexa.nexa.url}/trpc`;
    // Signed in, so that validation of every protected procedure is reached, not just the credential check.
    const authorization = { authorization: `Bearer ${nexa.token}` };
    const sseCredential = `connectionParams=${encodeURIComponent(JSON.stringify({ token: nexa.token }))}`;
    expect(procedures.length).toBeGreaterThanOrEqual(3);

    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...procedures), anyInput, async ({ path, type }, input) => {
        const encoded = encodeURIComponent(JSON.stringify(input));
        let response: Response;
        if (type === 'mutation') {
          response = await fetch(`${base}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...authorization }, body: JSON.stringify(input) });
        } else if (type === 'query') {
          response = await fetch(`${base}/${path}?input=${encoded}`, { headers: authorization });
        } else {
          const controller = new AbortController();
          response = await fetch(`${base}/${path}?${sseCredential}&input=${encoded}`, { headers: { accept: 'text/event-stream' }, signal: controller.signal });
          const reader = response.body!.getReader();
          const first = await reader.read();
          controller.abort();
          const text = new TextDecoder().decode(first.value ?? new Uint8Array());
          expect(text, `${path} ${JSON.stringify(input)}`).not.toMatch(/INTERNAL_SERVER_ERROR/);
          return;
        }
        const body = await response.text();
        expect(response.status, `${path} ${JSON.stringify(input)} → ${body}`).toBeLessThan(500);
        if (response.status >= 400) expect(JSON.parse(body).error.data.code).toMatch(/^(BAD_REQUEST|NOT_FOUND|CONFLICT|UNAUTHORIZED|FORBIDDEN|TOO_MANY_REQUESTS)$/);
      }),
      { numRuns: 300 },
    );

    const health = await fetch(`${nexa.nexa.url}/healthz`);
    expect(health.status).toBe(200);
  });
});
