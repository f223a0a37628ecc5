import { readdirSync, readFileSync } from 'node:fs';

type Share = 'children' | 'postgres' | 'redis';

/** CPU time in ms used so far by the processes each share takes in, read from /proc (Linux) in one pass; 0 where it cannot be read. */
function procCpuMs(shareOf: (pid: string, command: string) => Share | null): Record<Share, number> {
  const totals: Record<Share, number> = { children: 0, postgres: 0, redis: 0 };
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return totals;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const share = shareOf(pid, stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
      if (!share) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime, in clock ticks of 10 ms.
      totals[share] += (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      // The process ended meanwhile.
    }
  }
  return totals;
}

export interface CpuPerOperation {
  /** This process (server, in-process worker and the benchmark's clients) and any child processes given. */
  nodeUs: number;
  /** PostgreSQL and Redis on this machine (0 when they run elsewhere or /proc is unreadable). */
  postgresUs: number;
  redisUs: number;
}

/**
 * Starts measuring the CPU time the benchmark's processes and the local PostgreSQL and Redis use;
 * `perOperation(n)` divides what was used since by n operations.
 */
export function startCpuMeter(childPids: readonly number[] = []) {
  const children = new Set(childPids.map(String));
  const shareOf = (pid: string, command: string): Share | null =>
    children.has(pid) ? 'children' : command === 'postgres' ? 'postgres' : command === 'redis-server' ? 'redis' : null;
  const read = () => ({ node: process.cpuUsage(), ...procCpuMs(shareOf) });
  const start = read();
  return {
    perOperation(operations: number): CpuPerOperation {
      const end = read();
      const nodeUsage = process.cpuUsage(start.node);
      const perOp = (us: number) => Math.round(us / Math.max(1, operations));
      return {
        nodeUs: perOp(nodeUsage.user + nodeUsage.system + (end.children - start.children) * 1000),
        postgresUs: perOp((end.postgres - start.postgres) * 1000),
        redisUs: perOp((end.redis - start.redis) * 1000),
      };
    },
  };
}
