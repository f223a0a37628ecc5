import { TRPCClientError } from '@trpc/client';

/** What `nexa` exits with; scripts branch on these (documented in the README). */
export const ExitCode = {
  ok: 0,
  /** The classification (or batch) ended in `failed`. */
  failed: 1,
  /** Bad arguments, or input the server rejected (`BAD_REQUEST`, `CONFLICT`). */
  usage: 2,
  unreachable: 3,
  /** No, wrong or expired credentials (`UNAUTHORIZED`, `FORBIDDEN`). */
  unauthorized: 4,
  /** The task (or NCM code, user, …) does not exist. */
  notFound: 5,
  /** The server answered with an error of its own (`SERVICE_UNAVAILABLE`, `INTERNAL_SERVER_ERROR`, …). */
  serverError: 6,
  /** Ctrl-C. */
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error whose message is meant for the user as it is, with the exit code to end on. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

const exitCodeOfTrpcCode: Record<string, ExitCode> = {
  BAD_REQUEST: ExitCode.usage,
  PARSE_ERROR: ExitCode.usage,
  CONFLICT: ExitCode.usage,
  UNAUTHORIZED: ExitCode.unauthorized,
  FORBIDDEN: ExitCode.unauthorized,
  NOT_FOUND: ExitCode.notFound,
};

function isConnectionFailure(error: unknown): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT)$/.test(code)) return true;
    if (current instanceof TypeError && current.message === 'fetch failed') return true;
  }
  return false;
}

/** Turns whatever a command threw into a message and an exit code. */
export function toCliError(error: unknown, serverUrl: string): CliError {
  if (error instanceof CliError) return error;
  if (isConnectionFailure(error)) return new CliError(`cannot reach the Nexa server at ${serverUrl} (is it running? set --url or NEXA_URL)`, ExitCode.unreachable);
  if (error instanceof TRPCClientError) {
    const code = (error.data as { code?: string } | undefined)?.code;
    if (code === 'UNAUTHORIZED' || code === 'FORBIDDEN') {
      return new CliError(`${code === 'FORBIDDEN' ? 'forbidden' : 'unauthorized'}: ${error.message} (check --token, NEXA_TOKEN or \`nexa login\`)`, ExitCode.unauthorized);
    }
    if (code) return new CliError(`${code}: ${error.message}`, exitCodeOfTrpcCode[code] ?? ExitCode.serverError);
    return new CliError(`unexpected answer from ${serverUrl}: ${error.message}`, ExitCode.serverError);
  }
  return new CliError(error instanceof Error ? error.message : String(error), ExitCode.serverError);
}
