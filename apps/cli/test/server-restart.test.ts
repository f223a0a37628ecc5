import { startServerRuntime } from '@nexa/server';
import { gatedClassifier, startTestNexa } from '@nexa/tests';
import { expect, it } from 'vitest';
import { jsonLines, spawnNexa } from './run-nexa';

it('nexa watch rides out a server restart: says it is reconnecting, then prints every event once', async () => {
  const gated = gatedClassifier();
  await using nexa = await startTestNexa({ classifier: gated.classifier });
  const port = new URL(nexa.nexa.url).port;
  const { taskId } = await nexa.client().classification.submit.mutate({ partnumber: 'RESTART-CLI' });
  await gated.atGate;

  const watching = spawnNexa(['--url', nexa.nexa.url, '--token', nexa.token, '--json', 'watch', taskId]);
  await watching.waitForOutput(/step 2/);
  await nexa.nexa.server.close();
  await watching.waitForOutput(/reconnecting/);
  const replacement = await startServerRuntime({ ...nexa.config, PORT: Number(port) }, nexa.nexa.redisUrl, nexa.database);
  try {
    gated.open();
    const run = await watching.exited;
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`connection to ${nexa.nexa.url} lost, reconnecting…`);
    const events = jsonLines(run.stdout);
    expect(events.map((event) => event.type)).toEqual(['queued', 'progress', 'progress', 'progress', 'result']);
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
  } finally {
    await replacement.close();
  }
});
