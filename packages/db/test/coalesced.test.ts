import { describe, expect, it } from 'vitest';
import { coalesced } from '../src/coalesced';

/** A batch runner that records the batches it was given and answers each input doubled, when released. */
function recordingRunner() {
  const batches: number[][] = [];
  const releases: Array<() => void> = [];
  const runBatch = async (inputs: number[]) => {
    batches.push(inputs);
    await new Promise<void>((release) => releases.push(release));
    if (inputs.includes(-1)) throw new Error('a bad input fails its whole batch');
    return inputs.map((input) => input * 2);
  };
  const releaseOne = async () => {
    releases.shift()?.();
    await new Promise((settle) => setImmediate(settle));
  };
  const releaseAll = async () => {
    while (releases.length > 0) await releaseOne();
  };
  return { batches, runBatch, releaseOne, releaseAll };
}

describe('coalesced', () => {
  it('sends a call at once when nothing is on its way, and the calls made meanwhile together in the next batch', async () => {
    const runner = recordingRunner();
    const double = coalesced(runner.runBatch);
    const first = double(1);
    expect(runner.batches).toEqual([[1]]);
    const rest = [double(2), double(3), double(4)];
    expect(runner.batches).toEqual([[1]]);
    await runner.releaseAll();
    expect(await first).toBe(2);
    expect(await Promise.all(rest)).toEqual([4, 6, 8]);
    expect(runner.batches).toEqual([[1], [2, 3, 4]]);
  });

  it('splits what waited into batches of at most maxBatch', async () => {
    const runner = recordingRunner();
    const double = coalesced(runner.runBatch, { maxBatch: 2 });
    const answers = [1, 2, 3, 4, 5, 6].map((n) => double(n));
    await runner.releaseAll();
    expect(await Promise.all(answers)).toEqual([2, 4, 6, 8, 10, 12]);
    expect(runner.batches).toEqual([[1], [2, 3], [4, 5], [6]]);
  });

  it('runs each call of a failed batch on its own, so only the call with the bad input fails', async () => {
    const runner = recordingRunner();
    const double = coalesced(runner.runBatch);
    const first = double(1);
    const settled = Promise.allSettled([double(2), double(-1), double(3)]);
    await runner.releaseAll();
    expect(await first).toBe(2);
    const [two, bad, three] = await settled;
    expect(two).toEqual({ status: 'fulfilled', value: 4 });
    expect(bad).toMatchObject({ status: 'rejected', reason: { message: 'a bad input fails its whole batch' } });
    expect(three).toEqual({ status: 'fulfilled', value: 6 });
    expect(runner.batches).toEqual([[1], [2, -1, 3], [2], [-1], [3]]);
  });

  it('runs the calls of a failed batch one after another, so calls for the same row do not race', async () => {
    const runner = recordingRunner();
    const double = coalesced(runner.runBatch);
    const first = double(1);
    const settled = Promise.allSettled([double(-1), double(2)]);
    await runner.releaseOne(); // the first call
    await runner.releaseOne(); // the batch that fails
    expect(runner.batches).toEqual([[1], [-1, 2], [-1]]);
    await runner.releaseOne();
    expect(runner.batches).toEqual([[1], [-1, 2], [-1], [2]]);
    await runner.releaseAll();
    expect(await first).toBe(2);
    expect((await settled).map((result) => result.status)).toEqual(['rejected', 'fulfilled']);
  });

  it('fails every call of a batch at once when the failure is shared by all of them (the database is unreachable)', async () => {
    const runner = recordingRunner();
    const double = coalesced(runner.runBatch, { sharedFailure: (error) => (error as Error).message.includes('whole batch') });
    const first = double(1);
    const settled = Promise.allSettled([double(2), double(-1), double(3)]);
    await runner.releaseAll();
    expect(await first).toBe(2);
    expect((await settled).map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(runner.batches).toEqual([[1], [2, -1, 3]]);
  });

  it('runs a call that goes alone with runOne, and the calls that waited together with runBatch', async () => {
    const runner = recordingRunner();
    const alone: number[] = [];
    const double = coalesced(runner.runBatch, {
      runOne: async (input) => {
        alone.push(input);
        return (await runner.runBatch([input]))[0]!;
      },
    });
    const first = double(1);
    const rest = [double(2), double(3)];
    await runner.releaseAll();
    const last = double(4);
    await runner.releaseAll();
    expect([await first, ...(await Promise.all(rest)), await last]).toEqual([2, 4, 6, 8]);
    expect(alone).toEqual([1, 4]);
    expect(runner.batches).toEqual([[1], [2, 3], [4]]);
  });

  it('reruns the calls of a failed batch with runOne', async () => {
    const runner = recordingRunner();
    const alone: number[] = [];
    const double = coalesced(runner.runBatch, {
      runOne: async (input) => {
        alone.push(input);
        if (input < 0) throw new Error(`${input} is not allowed`);
        return input * 2;
      },
    });
    const first = double(1);
    const settled = Promise.allSettled([double(2), double(-1)]);
    expect(await first).toBe(2);
    await new Promise((settle) => setImmediate(settle)); // the calls that waited go out together
    await runner.releaseAll();
    const [two, bad] = await settled;
    expect(two).toEqual({ status: 'fulfilled', value: 4 });
    expect(bad).toMatchObject({ status: 'rejected', reason: { message: '-1 is not allowed' } });
    expect(runner.batches).toEqual([[2, -1]]);
    expect(alone).toEqual([1, 2, -1]);
  });

  it('goes on sending after a failure, and is idle again once everything is answered', async () => {
    const runner = recordingRunner();
    const double = coalesced(runner.runBatch);
    const bad = double(-1).catch((error: Error) => error.message);
    await runner.releaseAll();
    expect(await bad).toBe('a bad input fails its whole batch');
    const next = double(5);
    expect(runner.batches.at(-1)).toEqual([5]);
    await runner.releaseAll();
    expect(await next).toBe(10);
  });
});
