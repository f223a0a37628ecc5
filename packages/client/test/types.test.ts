import type { Classification, TaskEvent, TaskMessage } from '@nexa/contracts';
import { describe, expectTypeOf, it } from 'vitest';
import { createNexaClient, type NexaClient, type RouterInputs, type RouterOutputs, type TrackedEvent } from '../src/index';

// Checked by `tsc` (pnpm typecheck): every shape below is inferred from the router, none written by hand.
// The client is never connected; only its types are exercised.
const client = createNexaClient({ url: 'http://127.0.0.1:1', transport: 'sse', EventSource: class {} });

describe('types inferred from the router', () => {
  it('submit requires a string partnumber and answers with a taskId and status', () => {
    type SubmitInput = Parameters<NexaClient['classification']['submit']['mutate']>[0];
    expectTypeOf<SubmitInput>().toHaveProperty('partnumber').toEqualTypeOf<string>();
    expectTypeOf<SubmitInput['description']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<SubmitInput['reclassify']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<RouterInputs['classification']['submit']>().toEqualTypeOf<SubmitInput>();

    type SubmitOutput = Awaited<ReturnType<NexaClient['classification']['submit']['mutate']>>;
    expectTypeOf<SubmitOutput['taskId']>().toEqualTypeOf<string>();
    expectTypeOf<SubmitOutput['status']>().toEqualTypeOf<'queued' | 'processing' | 'done' | 'failed' | 'cancelled'>();
    expectTypeOf<SubmitOutput['classifications']>().toEqualTypeOf<Classification[]>();
    expectTypeOf<RouterOutputs['classification']['submit']>().toEqualTypeOf<SubmitOutput>();
  });

  it('rejects wrong inputs at compile time', () => {
    const wrongInputs = () => {
      // @ts-expect-error partnumber is required
      void client.classification.submit.mutate({ description: 'no partnumber' });
      // @ts-expect-error partnumber must be a string
      void client.classification.submit.mutate({ partnumber: 358 });
      // @ts-expect-error no such field
      void client.classification.submit.mutate({ partnumber: 'LM358', colour: 'black' });
      // @ts-expect-error task.get wants a taskId
      void client.task.get.query({ id: 'x' });
      // @ts-expect-error no such procedure
      void client.classification.remove;
    };
    expectTypeOf(wrongInputs).toBeFunction();
  });

  it('task.get answers the task with its classifications', () => {
    type Task = Awaited<ReturnType<typeof client.task.get.query>>;
    expectTypeOf<Task['partnumber']>().toEqualTypeOf<string>();
    expectTypeOf<Task['finishedAt']>().toEqualTypeOf<string | null>();
    expectTypeOf<Task['classifications'][number]['ncm']>().toEqualTypeOf<string>();
  });

  it('events are a union discriminated by type, narrowed to their fields', () => {
    expectTypeOf<TrackedEvent['event']>().toEqualTypeOf<TaskMessage>();
    expectTypeOf<Extract<TaskMessage, { type: 'events' }>['events']>().toEqualTypeOf<TaskEvent[]>();
    expectTypeOf<TaskEvent['type']>().toEqualTypeOf<
      'queued' | 'progress' | 'result' | 'failed' | 'item_result' | 'item_failed' | 'batch_progress' | 'batch_finished' | 'cancelled'
    >();
    expectTypeOf<Extract<TaskEvent, { type: 'batch_finished' }>['status']>().toEqualTypeOf<'done' | 'failed'>();
    expectTypeOf<Extract<TaskEvent, { type: 'progress' }>>().toHaveProperty('current').toEqualTypeOf<number>();
    expectTypeOf<Extract<TaskEvent, { type: 'result' }>['classification']>().toEqualTypeOf<Classification>();
    expectTypeOf<Extract<TaskEvent, { type: 'failed' }>['error']>().toEqualTypeOf<string>();

    const describe = (event: TaskEvent) => {
      if (event.type === 'result') return event.classification.ncm;
      // @ts-expect-error only result events carry a classification
      return event.classification;
    };
    expectTypeOf(describe).returns.toEqualTypeOf<string | Classification>();
  });

  it('classify and watch yield tracked events; classify exposes its taskId', () => {
    const stream = client.classify({ partnumber: 'LM358' });
    expectTypeOf(stream).toMatchTypeOf<AsyncIterable<TrackedEvent>>();
    expectTypeOf(stream.taskId).toEqualTypeOf<Promise<string>>();
    expectTypeOf(client.watch).parameter(0).toEqualTypeOf<string>();
  });
});
