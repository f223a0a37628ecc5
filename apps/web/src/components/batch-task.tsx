import { formatNcm, type Classification, type TaskView } from '@nexa/client';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Fragment, useEffect, useMemo, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { countsFromTask, summariseBatch } from '../lib/batch-progress';
import { formatPercent } from '../lib/format';
import { describeError, useTRPC } from '../lib/nexa';
import { recalledUpload } from '../lib/uploads';
import type { TaskLiveView } from '../lib/use-task-events';
import { ExportButtons } from './export-buttons';
import { LoadMoreButton } from './load-more-button';
import { ProgressBar } from './progress-bar';
import { RejectedRows } from './rejected-rows';
import { ResultCard } from './result-card';

const PAGE_SIZE = 50;

/**
 * A batch, live: its items come from `task.items` (page by page) and each row then follows its
 * `item_result` / `item_failed` events; the aggregate comes from `batch_progress`. A reload replays
 * the events, so it resumes where it was.
 */
export function BatchTask({ task, live }: { task: TaskView; live: TaskLiveView }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const batch = useMemo(() => summariseBatch(live.events), [live.events]);
  const upload = useMemo(() => recalledUpload(task.id), [task.id]);
  // The item whose classification is open for review below its row, and the reviews made on this page.
  const [reviewing, setReviewing] = useState<string | null>(null);
  const [reviewed, setReviewed] = useState<ReadonlyMap<string, Classification>>(new Map());

  const pages = useInfiniteQuery(
    trpc.task.items.infiniteQueryOptions({ taskId: task.id, limit: PAGE_SIZE }, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
  );
  const cancel = useMutation(
    trpc.task.cancel.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.task.pathKey() }),
    }),
  );

  const ended = batch.ended ?? (['done', 'failed', 'cancelled'].includes(task.status) ? task.status : null);
  useEffect(() => {
    if (batch.ended) void queryClient.invalidateQueries({ queryKey: trpc.task.pathKey() });
  }, [batch.ended, queryClient, trpc]);

  // A cancel's event counts the moment it stopped the batch; the task, read again once it ended, also
  // counts the items that were processing then and the cancelled ones.
  const counts: { done: number; failed: number; total: number; cancelled?: number } =
    ended === 'cancelled' && task.status === 'cancelled' ? countsFromTask(task.counts) : (batch.counts ?? countsFromTask(task.counts));
  const finished = counts.done + counts.failed;
  const fraction = counts.total > 0 ? finished / counts.total : 0;
  const progressText = ended ? `${t.task.status[ended]} — ${t.batch.counts(counts)}` : `${t.task.status.processing} — ${t.batch.counts(counts)}`;
  const items = pages.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <ProgressBar
        label={t.task.progress}
        fraction={ended === 'done' ? 1 : fraction}
        text={progressText}
        tone={ended === 'done' ? 'done' : ended === 'failed' || ended === 'cancelled' ? 'failed' : 'running'}
      />
      <dl className="batch-counts" aria-label={t.batch.summary}>
        <div>
          <dt>{t.batch.total}</dt>
          <dd data-testid="count-total">{counts.total}</dd>
        </div>
        <div>
          <dt>{t.batch.done}</dt>
          <dd data-testid="count-done">{counts.done}</dd>
        </div>
        <div>
          <dt>{t.batch.failed}</dt>
          <dd data-testid="count-failed">{counts.failed}</dd>
        </div>
        {counts.cancelled ? (
          <div>
            <dt>{t.batch.cancelled}</dt>
            <dd data-testid="count-cancelled">{counts.cancelled}</dd>
          </div>
        ) : null}
      </dl>
      {live.subscriptionError != null && (
        <p className="alert alert-error" role="alert">
          {describeError(live.subscriptionError, t)}
        </p>
      )}
      <div className="actions">
        {!ended && (
          <button type="button" onClick={() => cancel.mutate({ taskId: task.id })} disabled={cancel.isPending}>
            {t.batch.cancel}
          </button>
        )}
      </div>
      {cancel.error && (
        <p className="alert alert-error" role="alert">
          {describeError(cancel.error, t)}
        </p>
      )}
      <ExportButtons taskId={task.id} />
      {upload && <RejectedRows rows={upload.rejected} />}

      <section className="card" aria-labelledby="items-title">
        <h2 id="items-title" className="section-title">
          {t.batch.items}
        </h2>
        {pages.error && (
          <p className="alert alert-error" role="alert">
            {describeError(pages.error, t)}
          </p>
        )}
        <div className="table-scroll">
          <table className="items-table">
            <thead>
              <tr>
                <th scope="col" className="numeric">
                  #
                </th>
                <th scope="col">{t.classify.partnumber}</th>
                <th scope="col">{t.classify.description}</th>
                <th scope="col">{t.result.ncm}</th>
                <th scope="col" className="numeric">
                  {t.result.confidence}
                </th>
                <th scope="col">{t.batch.status}</th>
                <th scope="col">
                  <span className="visually-hidden">{t.review.title}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                const live = batch.items.get(item.id) ?? item;
                // The item's events carry its classification as first stored; a review since is newer: made
                // on this page, or read with the page of items (approved or rejected in an earlier visit).
                const classification = reviewed.get(item.id) ?? (item.classification && item.classification.status !== 'ACTIVE' ? item.classification : live.classification);
                const current = { ...live, classification };
                const open = reviewing === item.id && classification !== null;
                return (
                  <Fragment key={item.id}>
                    <tr data-testid="batch-item" data-status={current.status}>
                      <td className="numeric">{item.seq}</td>
                      <td className="mono">{item.partnumber}</td>
                      <td>{current.classification?.description ?? item.description ?? ''}</td>
                      <td className="mono nowrap">{current.classification ? formatNcm(current.classification.ncm) : ''}</td>
                      <td className="numeric">{current.classification ? formatPercent(current.classification.confidence, locale) : ''}</td>
                      <td>
                        <span className={`badge badge-item-${current.status}`}>{t.task.status[current.status]}</span>
                        {current.status === 'failed' && current.error && <small className="item-error">{current.error}</small>}
                      </td>
                      <td>
                        {current.classification && (
                          <button type="button" aria-expanded={open} onClick={() => setReviewing(open ? null : item.id)}>
                            {open ? t.batch.closeReview : t.batch.review}
                          </button>
                        )}
                      </td>
                    </tr>
                    {open && (
                      <tr className="item-review">
                        <td colSpan={7}>
                          <ResultCard
                            classification={current.classification!}
                            onReviewed={(next) => setReviewed((previous) => new Map(previous).set(item.id, next))}
                          />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
        <LoadMoreButton pages={pages} label={t.batch.moreItems} />
      </section>
    </>
  );
}
