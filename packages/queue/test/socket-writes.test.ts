import { once } from 'node:events';
import { createServer, connect, type Socket } from 'node:net';
import { createTestRedis } from '@nexa/testing';
import { describe, expect, it } from 'vitest';
import { coalesceWritesPerTurn, connectRedis } from '../src/index';

const endOfTurn = () => new Promise((resolve) => setImmediate(resolve));

async function socketPair() {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  const accepted = once(server, 'connection') as Promise<[Socket]>;
  const client = connect(port, '127.0.0.1');
  await once(client, 'connect');
  const [peer] = await accepted;
  return {
    client,
    peer,
    async [Symbol.asyncDispose]() {
      client.destroy();
      peer.destroy();
      server.close();
    },
  };
}

describe('coalesceWritesPerTurn', () => {
  it('holds what one turn writes and sends it, in order, at the end of the turn', async () => {
    await using pair = await socketPair();
    coalesceWritesPerTurn(pair.client);
    const received: Buffer[] = [];
    pair.peer.on('data', (chunk: Buffer) => received.push(chunk));

    pair.client.write('first,');
    pair.client.write(Buffer.from('second,'));
    pair.client.write('third');
    expect(pair.client.writableCorked).toBe(1);
    expect(pair.client.writableLength).toBe('first,second,third'.length);

    await endOfTurn();
    expect(pair.client.writableCorked).toBe(0);
    pair.client.write('|next turn');
    await endOfTurn();
    while (Buffer.concat(received).length < 'first,second,third|next turn'.length) await once(pair.peer, 'data');
    expect(Buffer.concat(received).toString()).toBe('first,second,third|next turn');
  });

  it('passes on the write callback and the write result', async () => {
    await using pair = await socketPair();
    coalesceWritesPerTurn(pair.client);
    const written = new Promise<Error | null | undefined>((resolve) => pair.client.write('x', resolve));
    expect(pair.client.write('y')).toBe(true);
    expect(await written).toBeFalsy();
  });

  it('is on for every Redis connection, reconnections included', async () => {
    await using redis = createTestRedis();
    const connection = await connectRedis(redis.url, 'queue');
    try {
      const replies = Promise.all([connection.ping(), connection.ping()]);
      expect(connection.stream.writableCorked).toBe(1);
      expect(await replies).toEqual(['PONG', 'PONG']);

      connection.disconnect(true);
      await once(connection, 'ready');
      const reply = connection.ping();
      expect(connection.stream.writableCorked).toBe(1);
      expect(await reply).toBe('PONG');
    } finally {
      connection.disconnect();
    }
  });
});
