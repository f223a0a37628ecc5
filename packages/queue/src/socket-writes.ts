import type { Socket } from 'node:net';

const corkedThisTurn = new Set<Socket>();
let flushScheduled = false;

function flushCorkedSockets(): void {
  flushScheduled = false;
  for (const socket of corkedThisTurn) socket.uncork();
  corkedThisTurn.clear();
}

/**
 * Everything written to `socket` during one turn of the event loop leaves together at the end of the
 * turn (`setImmediate`), in order: one system call, and one wake-up of the process on the other end,
 * instead of one per message. Under load a turn writes many messages to the same socket (the events
 * of fifty tasks to one WebSocket, the job commands of fifty calls to one Redis connection); alone, a
 * message waits only for the rest of the turn.
 */
export function coalesceWritesPerTurn(socket: Socket): void {
  const write = socket.write as (...args: unknown[]) => boolean;
  socket.write = function writeAtEndOfTurn(this: Socket, ...args: unknown[]): boolean {
    if (!corkedThisTurn.has(socket)) {
      corkedThisTurn.add(socket);
      socket.cork();
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(flushCorkedSockets);
      }
    }
    return write.apply(this, args);
  } as Socket['write'];
}
