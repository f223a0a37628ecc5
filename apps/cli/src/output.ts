/**
 * Results go to stdout (one JSON document, or JSON lines for streams, with --json); progress and
 * diagnostics go to stderr so a script can pipe the results alone.
 */
export class Output {
  private statusShown = false;

  constructor(
    readonly json: boolean,
    private readonly quiet: boolean,
    private readonly stdout: NodeJS.WriteStream = process.stdout,
    private readonly stderr: NodeJS.WriteStream = process.stderr,
  ) {}

  /** A whole result: the document in --json mode, the human text otherwise. */
  result(document: unknown, human: string): void {
    this.clearStatus();
    this.stdout.write(this.json ? `${JSON.stringify(document)}\n` : `${human}\n`);
  }

  /** One item of a stream: a JSON line in --json mode, a line of text otherwise. */
  item(document: unknown, human: string): void {
    this.result(document, human);
  }

  /** A progress line on stderr; on a terminal it replaces the previous one. */
  status(text: string): void {
    if (this.quiet) return;
    if (this.stderr.isTTY) {
      this.stderr.write(`\r\x1b[K${text}`);
      this.statusShown = true;
    } else {
      this.stderr.write(`${text}\n`);
    }
  }

  /** A message on stderr that stays. */
  note(text: string): void {
    if (this.quiet) return;
    this.clearStatus();
    this.stderr.write(`${text}\n`);
  }

  error(text: string): void {
    this.clearStatus();
    this.stderr.write(`nexa: ${text}\n`);
  }

  clearStatus(): void {
    if (!this.statusShown) return;
    this.stderr.write('\r\x1b[K');
    this.statusShown = false;
  }
}

export function progressBar(done: number, total: number, width = 24): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(ratio * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${Math.floor(ratio * 100)}%`;
}

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** Time left, extrapolated from the rate so far; unknown until something is done. */
export function estimateRemainingMs(done: number, total: number, elapsedMs: number): number | null {
  if (done <= 0 || total <= done) return done >= total && total > 0 ? 0 : null;
  return (elapsedMs / done) * (total - done);
}
