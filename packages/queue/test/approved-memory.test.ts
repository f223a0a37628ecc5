import type { ApprovedClassification } from '@nexa/contracts';
import { createTestRedis, waitFor } from '@nexa/testing';
import { describe, expect, it } from 'vitest';
import { createApprovedMemoryStream, followApprovedMemory, redisNames } from '../src/index';

const entry = (partnumber: string, ncm = '84821010'): ApprovedClassification => ({ partnumber, ncm, description: 'rolamento' });

describe('following the approved-memory stream', () => {
  it('hands over every entry already written before catching up, then new ones as they come', async () => {
    await using redis = createTestRedis();
    const names = redisNames(redis.prefix);
    const stream = createApprovedMemoryStream(redis.connect(), names);
    for (let i = 0; i < 1500; i++) await stream.remember(entry(`PN-${i}`));

    const seen: string[] = [];
    const follower = await followApprovedMemory(redis.url, names, (approved) => seen.push(approved.partnumber), { blockMs: 100 });
    try {
      await follower.caughtUp;
      expect(seen).toHaveLength(1500);
      expect(seen.at(-1)).toBe('PN-1499');

      await stream.remember(entry('LATE-1'));
      await waitFor(() => (seen.at(-1) === 'LATE-1' ? true : undefined));
      expect(seen).toHaveLength(1501);
    } finally {
      await follower.close();
    }
  });

  it('skips malformed entries and reports the ones the learner refuses, without stopping', async () => {
    await using redis = createTestRedis();
    const names = redisNames(redis.prefix);
    const commands = redis.connect();
    await commands.xadd(names.approvedMemory, '*', 'e', 'not json');
    await commands.xadd(names.approvedMemory, '*', 'e', JSON.stringify({ partnumber: 7 }));
    const stream = createApprovedMemoryStream(commands, names);
    await stream.remember(entry('OLD-CODE', '99999999'));
    await stream.remember(entry('GOOD-1'));

    const learned: string[] = [];
    const rejected: string[] = [];
    const follower = await followApprovedMemory(
      redis.url,
      names,
      (approved) => {
        if (approved.ncm === '99999999') throw new Error('not in force');
        learned.push(approved.partnumber);
      },
      { blockMs: 100, onRejected: (approved, error) => rejected.push(`${approved.partnumber}: ${(error as Error).message}`) },
    );
    await follower.caughtUp;
    await follower.close();
    expect(learned).toEqual(['GOOD-1']);
    expect(rejected).toEqual(['OLD-CODE: not in force']);
  });

  it('stops reading when closed', async () => {
    await using redis = createTestRedis();
    const names = redisNames(redis.prefix);
    const seen: string[] = [];
    const follower = await followApprovedMemory(redis.url, names, (approved) => seen.push(approved.partnumber), { blockMs: 50 });
    await follower.caughtUp;
    await follower.close();
    await createApprovedMemoryStream(redis.connect(), names).remember(entry('AFTER-CLOSE'));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(seen).toEqual([]);
  });
});
