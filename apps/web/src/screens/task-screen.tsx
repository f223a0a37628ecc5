import type { Classification } from '@nexa/client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { BatchTask } from '../components/batch-task';
import { ExportButtons } from '../components/export-buttons';
import { ProgressBar } from '../components/progress-bar';
import { ResultCard } from '../components/result-card';
import { useI18n } from '../i18n/i18n';
import { describeError, useTRPC } from '../lib/nexa';
import { focusOnArrival, Link } from '../lib/router';
import { useTaskEvents } from '../lib/use-task-events';

/**
 * The result as it is now: the live event carries the classification as the worker stored it, and a
 * review since (this session or an earlier one) may have approved, rejected or replaced it.
 */
function currentClassification(stored: Classification, known: readonly Classification[]): Classification {
  const standing = known.filter((classification) => classification.status !== 'REPLACED');
  return standing.find((classification) => classification.id === stored.id) ?? (known.some((classification) => classification.id === stored.id) ? standing.at(0) : undefined) ?? stored;
}

/** One task, live: its progress while it runs, then its result card. The task id is in the URL, so a reload resumes here. */
export function TaskScreen({ taskId }: { taskId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const task = useQuery(trpc.task.get.queryOptions({ taskId }));
  const live = useTaskEvents(taskId);

  const finished = live.terminal !== null;
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: trpc.task.get.queryKey({ taskId }) });
  }, [finished, queryClient, taskId, trpc]);

  if (task.isPending) return <p className="screen muted">{t.task.loading}</p>;
  if (task.error) {
    return (
      <section className="screen narrow">
        <p className="alert alert-error" role="alert">
          {task.error.data?.code === 'NOT_FOUND' ? t.task.notFound : describeError(task.error, t)}
        </p>
        <Link href="/">{t.task.another}</Link>
      </section>
    );
  }

  if (task.data.kind === 'batch') {
    return (
      <section className="screen" aria-labelledby="task-title">
        <h1 id="task-title" tabIndex={-1} ref={focusOnArrival}>
          {task.data.name ? t.batch.namedTaskTitle(task.data.name) : t.batch.taskTitle}
        </h1>
        <BatchTask task={task.data} live={live} />
        <p>
          <Link href="/batch" className="button">
            {t.batch.another}
          </Link>
        </p>
      </section>
    );
  }

  const status = live.terminal ? live.status : task.data.status === 'done' || task.data.status === 'failed' ? task.data.status : live.status;
  const progressText =
    status === 'failed'
      ? t.task.status.failed
      : status === 'done'
        ? t.task.status.done
        : `${t.task.status[status]}${live.message ? ` — ${live.message}` : ''}`;
  const result = live.terminal?.type === 'result' ? currentClassification(live.terminal.classification, task.data.classifications) : null;
  const failure = live.terminal?.type === 'failed' ? live.terminal.error : null;

  return (
    <section className="screen narrow" aria-labelledby="task-title">
      <h1 id="task-title" tabIndex={-1} ref={focusOnArrival}>{t.task.title(task.data.partnumber)}</h1>
      {task.data.description && <p className="lead">{task.data.description}</p>}
      <ProgressBar
        label={t.task.progress}
        fraction={status === 'done' ? 1 : live.fraction}
        text={progressText}
        tone={status === 'done' ? 'done' : status === 'failed' ? 'failed' : 'running'}
      />
      {live.subscriptionError != null && (
        <p className="alert alert-error" role="alert">
          {describeError(live.subscriptionError, t)}
        </p>
      )}
      {failure && (
        <p className="alert alert-error" role="alert">
          {t.task.failed(failure)}
        </p>
      )}
      {result && (
        <>
          {result.taskId !== taskId && <p className="alert alert-info">{t.task.fromHistory}</p>}
          <ResultCard key={result.id} classification={result} />
          <ExportButtons taskId={taskId} />
        </>
      )}
      {!result && !failure && <p className="muted">{t.task.waiting}</p>}
      <p>
        <Link href="/" className="button">
          {t.task.another}
        </Link>
      </p>
    </section>
  );
}
