import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface FakeServer {
  url: string;
  requests: Array<{ url: string; headers: IncomingMessage['headers']; body: unknown }>;
  close(): Promise<void>;
}

/** A tiny HTTP server standing in for a third-party service we do not ship (an AI server, an LLM API); `handle` answers each JSON request. */
export async function startFakeServer(handle: (body: any, response: ServerResponse, request: IncomingMessage) => unknown): Promise<FakeServer> {
  const requests: FakeServer['requests'] = [];
  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      const body = text ? JSON.parse(text) : null;
      requests.push({ url: request.url ?? '', headers: request.headers, body });
      void Promise.resolve(handle(body, response, request)).catch((error: unknown) => response.writeHead(500).end(String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on. */
export async function closedPortUrl(): Promise<string> {
  const fake = await startFakeServer(() => {});
  await fake.close();
  return fake.url;
}
