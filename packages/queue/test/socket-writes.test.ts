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
  it('sends the first write of a turn at once and holds the rest of the turn, in order, until the end of the turn', async () => {
    await using pair = await socketPair();
    coalesceWritesPerTurn(pair.client);
    const received: Buffer[] = [];
    pair.peer.on('data', (chunk: Buffer) => received.push(chunk));

    pair.client.write('first,');
    expect(pair.client.writableCorked).toBe(0);
    expect(pair.client.writableLength).toBe(0);
    pair.client.write(Buffer.from('second,'));
    pair.client.write('third');
    expect(pair.client.writableCorked).toBe(1);
    expect(pair.client.writableLength).toBe('second,third'.length);

    await endOfTurn();
    expect(pair.client.writableCorked).toBe(0);
    pair.client.write('|next turn');
    expect(pair.client.writableCorked).toBe(0);
    await endOfTurn();
    while (Buffer.concat(received).length < 'first,second,third|next turn'.length) await once(pair.peer, 'data');
    expect(Buffer.concat(received).toString()).toBe('first,second,third|next turn');
  });

  it('counts what a writer writes inside its own cork as one message', async () => {
    await using pair = await socketPair();
    coalesceWritesPerTurn(pair.client);
    const frame = (header: string, body: string) => {
      pair.client.cork();
      pair.client.write(header);
      pair.client.write(body);
      pair.client.uncork();
    };

    frame('h1', 'b1');
    expect(pair.client.writableCorked).toBe(0);
    expect(pair.client.writableLength).toBe(0);
    frame('h2', 'b2');
    expect(pair.client.writableCorked).toBe(1);
    expect(pair.client.writableLength).toBe('h2b2'.length);
    await endOfTurn();
    expect(pair.client.writableCorked).toBe(0);
    expect(pair.client.writableLength).toBe(0);
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
      const more = Promise.all([connection.ping(), connection.ping()]);
      expect(connection.stream.writableCorked).toBe(1);
      expect(await more).toEqual(['PONG', 'PONG']);
    } finally {
      connection.disconnect();
    }
  });
});
