import type { ApprovedClassification } from '@nexa/contracts';
import { createTestRedis, waitFor } from '@nexa/testing';
import { describe, expect, it } from 'vitest';
import { createApprovedMemoryStream, followApprovedMemory, redisNames } from '../src/index';

const entry = (partnumber: string, ncm = '84821010'): ApprovedClassification => ({ partnumber, ncm, description: 'rolamento' });
const forgetNothing = () => {};

describe('following the approved-memory stream', () => {
  it('hands over every entry already written before catching up, then new ones as they come', async () => {
    await using redis = createTestRedis();
    const names = redisNames(redis.prefix);
    const stream = createApprovedMemoryStream(redis.connect(), names);
    for (let i = 0; i < 1500; i++) await stream.remember(entry(`PN-${i}`));

    const seen: string[] = [];
    const follower = await followApprovedMemory(redis.url, names, { remember: (approved) => seen.push(approved.partnumber), forget: forgetNothing }, { blockMs: 100 });
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
      {
        remember: (approved) => {
          if (approved.ncm === '99999999') throw new Error('not in force');
          learned.push(approved.partnumber);
        },
        forget: forgetNothing,
      },
      { blockMs: 100, onRejected: (approved, error) => rejected.push(`${approved.partnumber}: ${(error as Error).message}`) },
    );
    await follower.caughtUp;
    await follower.close();
    expect(learned).toEqual(['GOOD-1']);
    expect(rejected).toEqual(['OLD-CODE: not in force']);
  });

  it('hands withdrawals to forget, in stream order with the approvals', async () => {
    await using redis = createTestRedis();
    const names = redisNames(redis.prefix);
    const stream = createApprovedMemoryStream(redis.connect(), names);
    await stream.remember({ ...entry('PN-W', '84821010'), classificationId: 'c1' });
    await stream.remember({ ...entry('PN-W', '85044010'), classificationId: 'c2' });
    await stream.withdraw({ classificationId: 'c2', partnumber: 'PN-W', ncm: '85044010' });

    const applied: string[] = [];
    const follower = await followApprovedMemory(
      redis.url,
      names,
      {
        remember: (approved) => applied.push(`remember ${approved.classificationId} ${approved.ncm}`),
        forget: (withdrawn) => applied.push(`forget ${withdrawn.classificationId} ${withdrawn.ncm}`),
      },
      { blockMs: 100 },
    );
    await follower.caughtUp;
    await follower.close();
    expect(applied).toEqual(['remember c1 84821010', 'remember c2 85044010', 'forget c2 85044010']);

    // Nested, with no partnumber or ncm of its own: a reader that knows only approvals finds none in it.
    const [[, fields] = ['', []]] = await redis.connect().xrevrange(names.approvedMemory, '+', '-', 'COUNT', 1);
    expect(JSON.parse(fields[1]!)).toEqual({ withdrawn: { classificationId: 'c2', partnumber: 'PN-W', ncm: '85044010' } });
  });

  it('stops reading when closed', async () => {
    await using redis = createTestRedis();
    const names = redisNames(redis.prefix);
    const seen: string[] = [];
    const follower = await followApprovedMemory(redis.url, names, { remember: (approved) => seen.push(approved.partnumber), forget: forgetNothing }, { blockMs: 50 });
    await follower.caughtUp;
    await follower.close();
    await createApprovedMemoryStream(redis.connect(), names).remember(entry('AFTER-CLOSE'));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(seen).toEqual([]);
  });
});
