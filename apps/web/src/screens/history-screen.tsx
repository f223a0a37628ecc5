import type { TaskListItem, TaskStatus } from '@nexa/client';
import { useInfiniteQuery } from '@tanstack/react-query';
import { LoadMoreButton } from '../components/load-more-button';
import { useI18n } from '../i18n/i18n';
import { formatDateTime } from '../lib/format';
import { describeError, useTRPC, useTRPCClient } from '../lib/nexa';
import { focusOnArrival, Link, navigate, useLocation } from '../lib/router';

const STATUSES: TaskStatus[] = ['queued', 'processing', 'done', 'failed', 'cancelled'];

/** The caller's tasks, newest first, single and batch alike; the status filter lives in the URL. */
export function HistoryScreen() {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const { search } = useLocation();
  const wanted = search.get('status');
  const status = STATUSES.find((candidate) => candidate === wanted);
  const client = useTRPCClient();
  // task.list accepts exactly { status, cursor, limit }, so the pages are fetched by hand rather than through infiniteQueryOptions.
  const pages = useInfiniteQuery({
    queryKey: [...trpc.task.list.queryKey({ ...(status ? { status } : {}) }), 'pages'],
    queryFn: ({ pageParam }) => client.task.list.query({ limit: 20, ...(status ? { status } : {}), ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const tasks = pages.data?.pages.flatMap((page) => page.items) ?? [];
  const batchLabel = (task: TaskListItem) => {
    const items = t.history.batchItems(task.itemCount, task.partnumber);
    return task.name ? `${task.name} — ${items}` : items;
  };

  return (
    <section className="screen" aria-labelledby="history-title">
      <h1 id="history-title" tabIndex={-1} ref={focusOnArrival}>{t.history.title}</h1>
      <div className="field history-filter">
        <label htmlFor="status-filter">{t.history.filter}</label>
        <select id="status-filter" value={status ?? ''} onChange={(event) => navigate(event.target.value ? `/tasks?status=${event.target.value}` : '/tasks', { replace: true })}>
          <option value="">{t.history.all}</option>
          {STATUSES.map((option) => (
            <option key={option} value={option}>
              {t.task.status[option]}
            </option>
          ))}
        </select>
      </div>
      {pages.error && (
        <p className="alert alert-error" role="alert">
          {describeError(pages.error, t)}
        </p>
      )}
      {pages.isPending && <p className="muted">{t.task.loading}</p>}
      {pages.isSuccess && tasks.length === 0 && <p className="muted">{t.history.empty}</p>}
      {tasks.length > 0 && (
        <div className="card table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.history.created}</th>
                <th scope="col">{t.history.kind}</th>
                <th scope="col">{t.classify.partnumber}</th>
                <th scope="col">{t.classify.description}</th>
                <th scope="col">{t.batch.status}</th>
              </tr>
            </thead>
            <tbody>
              {tasks.map((task) => (
                <tr key={task.id} data-testid="history-row" data-status={task.status}>
                  <td className="nowrap">
                    <Link href={`/tasks/${task.id}`}>{formatDateTime(task.createdAt, locale)}</Link>
                  </td>
                  <td>{t.history.kinds[task.kind]}</td>
                  <td className="mono">{task.kind === 'batch' ? batchLabel(task) : task.partnumber}</td>
                  <td>{task.description ?? ''}</td>
                  <td>
                    <span className={`badge badge-item-${task.status}`}>{t.task.status[task.status]}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMoreButton pages={pages} label={t.history.more} />
    </section>
  );
}
