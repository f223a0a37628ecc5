import { once } from 'node:events';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startTestNexa } from '../src/index';

describe('server sockets', () => {
  it('send the writes of one turn of the event loop after the first as one write', async () => {
    await using nexa = await startTestNexa();
    const accepted = once(nexa.nexa.server.app.server, 'connection') as Promise<[Socket]>;
    const client = nexa.client();
    await client.auth.me.query();
    const [socket] = await accepted;

    expect(socket.write(Buffer.alloc(0))).toBe(true);
    expect(socket.write(Buffer.alloc(0))).toBe(true);
    expect(socket.writableCorked).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(socket.writableCorked).toBe(0);
  });
});
