import { isDatabaseConnectivityError } from './connectivity';

/**
 * One statement for many calls. A call made while an earlier batch is still on its way to the database
 * waits for it and goes out with the others that arrived meanwhile, as one statement (one round trip,
 * one commit). When nothing is on its way a call goes at once, so a quiet system waits no longer than
 * before; under load the number of statements falls with the load. Each statement wakes a database
 * process and costs a socket write on both sides, which is most of what a classification costs under
 * load.
 *
 * `runBatch` answers one output per input, in the inputs' order; `runOne`, when given, answers a call
 * that goes alone (a statement made for one row is cheaper than the many-row one carrying a single
 * row). When a batch fails, each of its calls is run on its own, in order, so a call fails only for a
 * reason of its own — unless `sharedFailure` says the error is not about the inputs (the database is
 * unreachable): then every call fails with it at once, rather than each waiting out the same failure
 * in turn.
 */
export interface CoalescedOptions<Input, Output> {
  runOne?: (input: Input) => Promise<Output>;
  maxBatch?: number;
  sharedFailure?: (error: unknown) => boolean;
}

export function coalesced<Input, Output>(
  runBatch: (inputs: Input[]) => Promise<Output[]>,
  {
    runOne = async (input: Input): Promise<Output> => (await runBatch([input]))[0]!,
    maxBatch = 100,
    sharedFailure = (_error: unknown): boolean => false,
  }: CoalescedOptions<Input, Output> = {},
): (input: Input) => Promise<Output> {
  interface Call {
    input: Input;
    resolve(output: Output): void;
    reject(error: unknown): void;
  }
  let waiting: Call[] = [];
  let sending = false;

  async function runAlone(call: Call) {
    try {
      call.resolve(await runOne(call.input));
    } catch (error) {
      call.reject(error);
    }
  }

  async function run(batch: Call[]) {
    if (batch.length === 1) return runAlone(batch[0]!);
    try {
      const outputs = await runBatch(batch.map((call) => call.input));
      batch.forEach((call, index) => call.resolve(outputs[index]!));
    } catch (error) {
      if (sharedFailure(error)) {
        for (const call of batch) call.reject(error);
        return;
      }
      // One after another: calls for the same row must not race each other.
      for (const call of batch) await runAlone(call);
    }
  }

  async function sendWaiting() {
    sending = true;
    while (waiting.length > 0) {
      const batch = waiting.length <= maxBatch ? waiting : waiting.slice(0, maxBatch);
      waiting = waiting.length <= maxBatch ? [] : waiting.slice(maxBatch);
      await run(batch);
    }
    sending = false;
  }

  return (input) =>
    new Promise<Output>((resolve, reject) => {
      waiting.push({ input, resolve, reject });
      if (!sending) void sendWaiting();
    });
}

/**
 * `coalesced` for database statements: `many` runs the calls that waited together, `one` (when given)
 * a call that goes alone, as on a quiet system; an unreachable database fails every waiting call at once.
 */
export function coalescedStatement<Input, Output>(statements: {
  one?: (input: Input) => Promise<Output>;
  many: (inputs: Input[]) => Promise<Output[]>;
}): (input: Input) => Promise<Output> {
  return coalesced(statements.many, { ...(statements.one && { runOne: statements.one }), sharedFailure: isDatabaseConnectivityError });
}
