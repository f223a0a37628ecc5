import { describe, expect, it } from 'vitest';
import { clientFor, collect, startTestNexa } from '../src/index';

describe('two server instances and one worker', () => {
  it('submit through one, subscribe through the other', async () => {
    await using nexa = await startTestNexa();
    const second = await nexa.startSecondServer();
    expect(second.worker).toBeNull();
    const submitter = nexa.client();
    const watcher = clientFor(second.url, 'ws', { token: nexa.token });
    try {
      const { taskId } = await submitter.classification.submit.mutate({ partnumber: 'TWO-SERVERS-1' });
      const events = await collect(watcher.watch(taskId));
      expect(events.at(-1)?.event.type).toBe('result');
      expect((await watcher.task.get.query({ taskId })).status).toBe('done');
    } finally {
      await watcher.close();
    }
  });
});
