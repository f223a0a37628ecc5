import type { Socket } from 'node:net';

/**
 * Where a socket stands in the current turn of the event loop: its first message is still being
 * written (inside the writer's own cork), has left, or the rest of the turn's writes are held.
 */
type TurnState = 'first-message' | 'first-message-sent' | 'holding';

/** Sockets written in this turn; while it holds any, `endTurn` is scheduled. */
const stateThisTurn = new Map<Socket, TurnState>();

function endTurn(): void {
  for (const [socket, state] of stateThisTurn) if (state === 'holding') socket.uncork();
  stateThisTurn.clear();
}

/**
 * The first message written to `socket` in a turn of the event loop leaves at once; the ones after it
 * in the same turn wait and leave together at the end of the turn (`setImmediate`), in order: one
 * system call, and one wake-up of the process on the other end, instead of one per message. Under
 * load a turn writes many messages to one socket (the events of fifty tasks to one WebSocket, the job
 * commands of fifty calls to one Redis connection); a message alone on its socket, as in a fan-out of
 * one event to thousands of connections, is not held back. A writer that corks the socket itself
 * around one message (the WebSocket library does, for a frame's header and body) writes one message.
 */
export function coalesceWritesPerTurn(socket: Socket): void {
  const write = socket.write as (...args: unknown[]) => boolean;
  const uncork = socket.uncork;
  socket.write = function writeCoalesced(this: Socket, ...args: unknown[]): boolean {
    const state = stateThisTurn.get(socket);
    if (state === undefined) {
      if (stateThisTurn.size === 0) setImmediate(endTurn);
      stateThisTurn.set(socket, socket.writableCorked > 0 ? 'first-message' : 'first-message-sent');
    } else if (state === 'first-message-sent') {
      stateThisTurn.set(socket, 'holding');
      socket.cork();
    }
    return write.apply(this, args);
  } as Socket['write'];
  socket.uncork = function uncorkAndNote(this: Socket): void {
    uncork.call(this);
    if (socket.writableCorked === 0 && stateThisTurn.get(socket) === 'first-message') stateThisTurn.set(socket, 'first-message-sent');
  };
}
