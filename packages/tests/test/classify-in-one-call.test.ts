import type { TrackedEvent } from '@nexa/client';
import { waitFor } from '@nexa/testing';
import { describe, expect, it } from 'vitest';
import { collect, errorOf, gatedClassifier, startTestNexa } from '../src/index';

/** `classification.classify` as a raw subscription, so a test can choose the key and the resume point. */
function classifyOnce(client: ReturnType<Awaited<ReturnType<typeof startTestNexa>>['client']>, input: Parameters<typeof client.classification.classify.subscribe>[0], limit = Infinity) {
  return new Promise<TrackedEvent[]>((resolve, reject) => {
    const received: TrackedEvent[] = [];
    const subscription = client.classification.classify.subscribe(input, {
      onData: (tracked) => {
        received.push({ id: tracked.id, event: tracked.data });
        if (received.length >= limit) {
          subscription.unsubscribe();
          resolve(received);
        }
      },
      onError: reject,
      onComplete: () => resolve(received),
    });
  });
}

describe('classification.classify: submit and follow in one call', () => {
  it('records one task and streams it to its result; the client learns the task id from the stream', async () => {
    await using nexa = await startTestNexa();
    const client = nexa.client();
    const stream = client.classify({ partnumber: 'ONE-CALL-1', description: 'circuito integrado' });
    const events = await collect(stream);
    expect(events[0]!.event.type).toBe('queued');
    expect(events.at(-1)!.event.type).toBe('result');
    const taskId = await stream.taskId;
    expect(events.every((e) => e.event.taskId === taskId)).toBe(true);
    expect(await client.task.get.query({ taskId })).toMatchObject({ status: 'done', partnumber: 'ONE-CALL-1' });
    expect((await client.task.list.query({})).items).toHaveLength(1);
  });

  it('resumes the same task when called again with the same idempotency key and the last event id: no second task, no repeated event', async () => {
    const gated = gatedClassifier();
    await using nexa = await startTestNexa({ classifier: gated.classifier });
    const client = nexa.client();
    const input = { partnumber: 'ONE-CALL-2', idempotencyKey: 'one-call-key-2' };

    const before = await classifyOnce(client, input, 2);
    expect(before.map((e) => e.event.type)).toEqual(['queued', 'progress']);
    const rest = classifyOnce(client, { ...input, lastEventId: before.at(-1)!.id });
    gated.open();
    const after = await rest;
    expect(after.map((e) => e.event.type)).toEqual(['progress', 'progress', 'result']);
    expect(new Set(after.map((e) => e.event.taskId))).toEqual(new Set([before[0]!.event.taskId]));
    const ids = [...before, ...after].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await client.task.list.query({})).items).toHaveLength(1);
  });

  it('does not count a resumed call against the submission limit; a new one still does', async () => {
    const gated = gatedClassifier();
    await using nexa = await startTestNexa({ classifier: gated.classifier, env: { SUBMIT_RATE_LIMIT_PER_MINUTE: '1' } });
    const client = nexa.client();
    const input = { partnumber: 'ONE-CALL-LIMIT', idempotencyKey: 'one-call-limit-key' };
    const before = await classifyOnce(client, input, 1);

    const rest = classifyOnce(client, { ...input, lastEventId: before[0]!.id });
    gated.open();
    expect((await rest).at(-1)!.event.type).toBe('result');
    expect((await errorOf(classifyOnce(client, { partnumber: 'ONE-CALL-LIMIT-2' }))).data?.code).toBe('TOO_MANY_REQUESTS');
  });

  it('follows the task already on its way when a call without a key joins it, and keeps no listener of its own', async () => {
    const gated = gatedClassifier();
    await using nexa = await startTestNexa({ classifier: gated.classifier });
    const client = nexa.client();
    const { taskId } = await client.classification.submit.mutate({ partnumber: 'ONE-CALL-JOIN' });
    await gated.atGate;
    const joined = classifyOnce(client, { partnumber: 'ONE-CALL-JOIN' });
    await waitFor(() => (nexa.nexa.server.feedStats().listeners === 1 ? true : undefined), 5_000, 'the joined call to follow the task');
    gated.open();
    const events = await joined;
    expect(events.at(-1)!.event.type).toBe('result');
    expect(new Set(events.map((e) => e.event.taskId))).toEqual(new Set([taskId]));
    await waitFor(() => (nexa.nexa.server.feedStats().listeners === 0 ? true : undefined), 5_000, 'listeners to be released');
    expect(nexa.nexa.server.feedStats()).toEqual({ channels: 0, listeners: 0 });
  });

  it('leaves no listener behind when a call is refused', async () => {
    await using nexa = await startTestNexa({ env: { SUBMIT_RATE_LIMIT_PER_MINUTE: '1' } });
    const client = nexa.client();
    expect((await collect(client.classify({ partnumber: 'ONE-CALL-REFUSED-1' }))).at(-1)!.event.type).toBe('result');
    expect((await errorOf(collect(client.classify({ partnumber: 'ONE-CALL-REFUSED-2' })))).data?.code).toBe('TOO_MANY_REQUESTS');
    await waitFor(() => (nexa.nexa.server.feedStats().listeners === 0 ? true : undefined), 5_000, 'listeners to be released');
    expect(nexa.nexa.server.feedStats()).toEqual({ channels: 0, listeners: 0 });
  });

  it('refuses a resumed call whose key names another partnumber\'s task', async () => {
    await using nexa = await startTestNexa();
    const client = nexa.client();
    const first = await classifyOnce(client, { partnumber: 'ONE-CALL-KEY-A', idempotencyKey: 'one-call-shared-key' });
    const error = await errorOf(classifyOnce(client, { partnumber: 'ONE-CALL-KEY-B', idempotencyKey: 'one-call-shared-key', lastEventId: first[0]!.id }));
    expect(error.data?.code).toBe('CONFLICT');
  });

  it('refuses bad input and anonymous callers with typed errors, recording nothing', async () => {
    await using nexa = await startTestNexa();
    const client = nexa.client();
    const invalid = await errorOf(collect(client.classify({ partnumber: 'x' })));
    expect(invalid.data?.code).toBe('BAD_REQUEST');
    expect(invalid.message).toContain('partnumber');
    const anonymous = nexa.client({ token: null });
    expect((await errorOf(collect(anonymous.classify({ partnumber: 'ANON-1' })))).data?.code).toBe('UNAUTHORIZED');
    expect((await client.task.list.query({})).items).toEqual([]);
  });

  it('answers a partnumber already classified from history, in the same call', async () => {
    await using nexa = await startTestNexa();
    const client = nexa.client();
    const classificationOf = (events: TrackedEvent[]) => {
      const last = events.at(-1)!.event;
      return last.type === 'result' ? last.classification.id : null;
    };
    const first = await collect(client.classify({ partnumber: 'ONE-CALL-KNOWN' }));
    const again = await collect(client.classify({ partnumber: 'ONE-CALL-KNOWN' }));
    expect(again.map((e) => e.event.type)).toEqual(['result']);
    expect(classificationOf(again)).toBe(classificationOf(first));
  });
});
