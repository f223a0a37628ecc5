import { formatNcm, NEEDS_REVIEW_BELOW, needsReview, type Classification, type TaskItem, type TaskItemsFilter, type TaskView } from '@nexa/client';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n/i18n';
import { translateServerText } from '../i18n/server-texts';
import { displayedCounts, type LiveItem } from '../lib/batch-progress';
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
type ItemFilter = 'all' | TaskItemsFilter;
const ITEM_FILTERS: readonly ItemFilter[] = ['all', 'failed', 'needsReview'];

/**
 * A batch, live: its items come from `task.items` (page by page, all of them or only those a filter
 * admits, chosen by the server) and each row then follows its `item_result` / `item_failed` events;
 * the aggregate comes from `batch_progress`. A reload replays the events, so it resumes where it was.
 */
function SummaryCount({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

export function BatchTask({ task, live }: { task: TaskView; live: TaskLiveView }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { batch } = live;
  const upload = useMemo(() => recalledUpload(task.id), [task.id]);
  const [filter, setFilter] = useState<ItemFilter>('all');
  // The item whose classification is open for review below its row, and the reviews made on this page.
  const [reviewing, setReviewing] = useState<string | null>(null);
  const [reviewed, setReviewed] = useState<ReadonlyMap<string, Classification>>(new Map());
  const toggleReview = useCallback((itemId: string) => setReviewing((open) => (open === itemId ? null : itemId)), []);
  const recordReview = useCallback((itemId: string, next: Classification) => setReviewed((previous) => new Map(previous).set(itemId, next)), []);

  const pages = useInfiniteQuery(
    trpc.task.items.infiniteQueryOptions(
      { taskId: task.id, limit: PAGE_SIZE, ...(filter === 'all' ? {} : { filter }) },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
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

  const counts = displayedCounts(task, batch);
  const finished = counts.done + counts.failed;
  const fraction = counts.total > 0 ? finished / counts.total : 0;
  const progressText = ended ? `${t.task.status[ended]} — ${t.batch.counts(counts)}` : `${t.task.status.processing} — ${t.batch.counts(counts)}`;
  const items = useMemo(() => pages.data?.pages.flatMap((page) => page.items) ?? [], [pages.data]);
  const filterCounts: Partial<Record<ItemFilter, number>> = { all: counts.total, failed: counts.failed };

  return (
    <>
      <ProgressBar
        label={t.task.progress}
        fraction={ended === 'done' ? 1 : fraction}
        text={progressText}
        tone={ended === 'done' ? 'done' : ended === 'failed' || ended === 'cancelled' ? 'failed' : 'running'}
      />
      <dl className="batch-counts" aria-label={t.batch.summary}>
        <SummaryCount label={t.batch.total} value={counts.total} testId="count-total" />
        <SummaryCount label={t.batch.done} value={counts.done} testId="count-done" />
        <SummaryCount label={t.batch.failed} value={counts.failed} testId="count-failed" />
        {counts.cancelled ? <SummaryCount label={t.batch.cancelled} value={counts.cancelled} testId="count-cancelled" /> : null}
        {upload?.duplicates ? <SummaryCount label={t.batch.duplicates} value={upload.duplicates} testId="count-duplicates" /> : null}
        {upload?.answeredFromHistory ? <SummaryCount label={t.batch.answeredFromHistory} value={upload.answeredFromHistory} testId="count-from-history" /> : null}
      </dl>
      {live.subscriptionError != null && (
        <p className="alert alert-error" role="alert">
          {describeError(live.subscriptionError, t)}
        </p>
      )}
      {!ended && <CancelBatch onConfirm={() => cancel.mutate({ taskId: task.id })} pending={cancel.isPending} />}
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
        <fieldset className="item-filter">
          <legend>{t.batch.show}</legend>
          {ITEM_FILTERS.map((option) => {
            const count = filterCounts[option];
            return (
              <label key={option} className="check">
                <input type="radio" name="item-filter" value={option} checked={filter === option} onChange={() => setFilter(option)} />
                {count === undefined ? t.batch.filters[option] : t.batch.filterWithCount(t.batch.filters[option], count)}
              </label>
            );
          })}
        </fieldset>
        {pages.error && (
          <p className="alert alert-error" role="alert">
            {describeError(pages.error, t)}
          </p>
        )}
        <div className="table-scroll">
          <table className="items-table" aria-busy={pages.isPending}>
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
                <th scope="col">{t.batch.reviewState}</th>
                <th scope="col">
                  <span className="visually-hidden">{t.batch.actions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <BatchItemRow
                  key={item.id}
                  item={item}
                  live={batch.items.get(item.id)}
                  reviewed={reviewed.get(item.id)}
                  open={reviewing === item.id}
                  onToggleReview={toggleReview}
                  onReviewed={recordReview}
                />
              ))}
            </tbody>
          </table>
        </div>
        {pages.isSuccess && items.length === 0 && (
          <p className="muted" role="status">
            {t.batch.noItems[filter]}
          </p>
        )}
        <LoadMoreButton pages={pages} label={t.batch.moreItems} />
      </section>
    </>
  );
}

/** Cancelling stops the batch for good, so it takes a second, deliberate step on the page itself. */
function CancelBatch({ onConfirm, pending }: { onConfirm: () => void; pending: boolean }) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  // Back from the question, focus returns to the button that asked it; after a confirmation the batch ends and the button goes.
  const returnFocus = useRef(false);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
    else if (returnFocus.current) cancelButton.current?.focus();
    returnFocus.current = confirming;
  }, [confirming]);
  const goBack = () => setConfirming(false);
  const goBackOnEscape = (event: KeyboardEvent) => {
    if (event.key === 'Escape') goBack();
  };

  if (!confirming) {
    return (
      <div className="actions">
        <button ref={cancelButton} type="button" onClick={() => setConfirming(true)} disabled={pending}>
          {t.batch.cancel}
        </button>
      </div>
    );
  }
  return (
    <div className="actions cancel-confirm" role="group" aria-labelledby="cancel-question" onKeyDown={goBackOnEscape}>
      <p id="cancel-question" className="cancel-question">
        {t.batch.cancelQuestion}
      </p>
      <button
        ref={confirmButton}
        type="button"
        className="danger"
        onClick={() => {
          returnFocus.current = false;
          onConfirm();
          setConfirming(false);
        }}
      >
        {t.batch.confirmCancel}
      </button>
      <button type="button" onClick={goBack}>
        {t.batch.keepRunning}
      </button>
    </div>
  );
}

interface BatchItemRowProps {
  item: TaskItem;
  live: LiveItem | undefined;
  reviewed: Classification | undefined;
  open: boolean;
  onToggleReview: (itemId: string) => void;
  onReviewed: (itemId: string, next: Classification) => void;
}

/** One item and, when open, its review. Rendered again only when its own props change, not on every event of the batch. */
const BatchItemRow = memo(function BatchItemRow({ item, live, reviewed, open, onToggleReview, onReviewed }: BatchItemRowProps) {
  const { t, locale } = useI18n();
  const current = live ?? item;
  // The item's events carry its classification as first stored; a review since is newer: made
  // on this page, or read with the page of items (approved or rejected in an earlier visit).
  const classification = reviewed ?? (item.classification && item.classification.status !== 'ACTIVE' ? item.classification : current.classification);
  const lowConfidence = classification !== null && classification.confidence < NEEDS_REVIEW_BELOW;
  const reviewOpen = open && classification !== null;
  return (
    <>
      <tr data-testid="batch-item" data-status={current.status} data-needs-review={(classification !== null && needsReview(classification)) || undefined}>
        <td className="numeric">{item.seq}</td>
        <td className="mono">{item.partnumber}</td>
        <td>{classification?.description ?? item.description ?? ''}</td>
        <td className="mono nowrap">{classification ? formatNcm(classification.ncm) : ''}</td>
        <td className="numeric">
          {classification ? formatPercent(classification.confidence, locale) : ''}
          {lowConfidence && (
            <small className="low-confidence" data-testid="low-confidence">
              {t.batch.lowConfidence}
            </small>
          )}
        </td>
        <td>
          <span className={`badge badge-item-${current.status}`}>{t.task.status[current.status]}</span>
          {current.status === 'failed' && current.error && <small className="item-error">{translateServerText(current.error, t.server)}</small>}
        </td>
        <td>
          {classification && (
            <span className={`badge badge-${classification.status.toLowerCase()}`} data-testid="review-state">
              {t.result.status[classification.status]}
            </span>
          )}
        </td>
        <td>
          {classification && (
            <button type="button" aria-expanded={reviewOpen} onClick={() => onToggleReview(item.id)}>
              {reviewOpen ? t.batch.closeReview : t.batch.review}
            </button>
          )}
        </td>
      </tr>
      {reviewOpen && (
        <tr className="item-review">
          <td colSpan={8}>
            <ResultCard classification={classification} onReviewed={(next) => onReviewed(item.id, next)} />
          </td>
        </tr>
      )}
    </>
  );
});
