import { TRPCClientError } from '@trpc/client';

/** The parts of tRPC's WebSocket client this relies on; none is in its typed API. */
interface WsClientInternals {
  batchSend(message: unknown, callbacks: unknown): () => void;
  requestManager: {
    hasOutgoingRequests(): boolean;
    flush(ws: unknown): Array<{ message: unknown; callbacks: { error(error: unknown): void } }>;
    delete(message: unknown): void;
  };
  activeConnection: { isOpen(): boolean; ws: unknown };
  send(messages: unknown[]): void;
}

function hasInternals(client: object): client is WsClientInternals {
  const candidate = client as Partial<WsClientInternals>;
  return (
    typeof candidate.batchSend === 'function' &&
    typeof candidate.send === 'function' &&
    typeof candidate.requestManager?.flush === 'function' &&
    typeof candidate.requestManager.hasOutgoingRequests === 'function' &&
    typeof candidate.requestManager.delete === 'function' &&
    typeof candidate.activeConnection?.isOpen === 'function'
  );
}

/**
 * tRPC's WebSocket client sends a request after `setTimeout(0)`, so that what one tick asks for leaves
 * together. Node makes that at least 1 ms, and an idle process sleeps through it: at one call at a time,
 * about a third of a classification's round trip. While the connection is open, this sends what a turn
 * of the event loop asked for at the end of that turn instead; the client's own send, when its timer
 * fires, then finds nothing left. Connecting and reconnecting stay on the client's own path.
 *
 * Returns false, changing nothing, where there is no `setImmediate` (browsers) or the client does not have
 * the shape this relies on.
 */
export function sendRequestsAtEndOfTurn(client: object): boolean {
  const { setImmediate } = globalThis;
  if (typeof setImmediate !== 'function' || !hasInternals(client)) return false;
  const batchSend = client.batchSend.bind(client);
  let scheduled = false;

  const sendOutgoing = () => {
    scheduled = false;
    if (!client.activeConnection.isOpen() || !client.requestManager.hasOutgoingRequests()) return;
    const requests = client.requestManager.flush(client.activeConnection.ws);
    try {
      client.send(requests.map((request) => request.message));
    } catch (error) {
      for (const request of requests) {
        client.requestManager.delete(request.message);
        request.callbacks.error(TRPCClientError.from(error as Error));
      }
    }
  };

  client.batchSend = (message, callbacks) => {
    const abort = batchSend(message, callbacks);
    if (!scheduled && client.activeConnection.isOpen()) {
      scheduled = true;
      setImmediate(sendOutgoing);
    }
    return abort;
  };
  return true;
}
