import { formatNcm, type Classification } from '@nexa/client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n/i18n';
import { describeError, useTRPC } from '../lib/nexa';

/** Waits until typing pauses before a value is used (for search-as-you-type). */
function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

/** Approve, reject, or override with another NCM (found by `ncm.search` as the user types). */
export function ReviewPanel({ classification, onReviewed }: { classification: Classification; onReviewed(next: Classification): void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const ids = useId();
  const [overriding, setOverriding] = useState(false);
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const debounced = useDebounced(query.trim(), 250);
  const search = useQuery({ ...trpc.ncm.search.queryOptions({ query: debounced, limit: 8 }), enabled: overriding && debounced.length >= 2 });
  const review = useMutation(
    trpc.classification.review.mutationOptions({
      onSuccess: ({ classification: next }) => {
        setOverriding(false);
        setChosen(null);
        setQuery('');
        onReviewed(next);
      },
    }),
  );
  const options = useRef<HTMLFieldSetElement>(null);
  const status = classification.status;
  if (status === 'REPLACED') return null;

  /** ArrowDown in the search box goes to the options (the chosen one, or the first); there the arrows move between them. */
  const moveIntoOptions = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'ArrowDown' || !options.current) return;
    const target = options.current.querySelector<HTMLInputElement>('input[type="radio"]:checked') ?? options.current.querySelector<HTMLInputElement>('input[type="radio"]');
    if (!target) return;
    event.preventDefault();
    target.focus();
  };

  const submitOverride = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!chosen) return;
    review.mutate({ id: classification.id, action: 'override', ncm: chosen, ...(note.trim() ? { note: note.trim() } : {}) });
  };

  return (
    <section className="review" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{t.review.title}</h3>
      <div className="actions">
        {(status === 'ACTIVE' || status === 'REJECTED') && (
          <button type="button" className="primary" disabled={review.isPending} onClick={() => review.mutate({ id: classification.id, action: 'approve' })}>
            {t.review.approve}
          </button>
        )}
        {(status === 'ACTIVE' || status === 'APPROVED') && (
          <button type="button" disabled={review.isPending} onClick={() => review.mutate({ id: classification.id, action: 'reject' })}>
            {t.review.reject}
          </button>
        )}
        <button type="button" aria-expanded={overriding} onClick={() => setOverriding(!overriding)}>
          {t.review.override}
        </button>
      </div>
      {overriding && (
        <form className="form" onSubmit={submitOverride}>
          <div className="field">
            <label htmlFor={`${ids}-search`}>{t.review.search}</label>
            <input
              id={`${ids}-search`}
              type="search"
              aria-controls={search.data?.length ? `${ids}-options` : undefined}
              value={query}
              onChange={(event) => {
                setQuery(event.target.value);
                setChosen(null);
              }}
              onKeyDown={moveIntoOptions}
              autoComplete="off"
              autoFocus
              aria-describedby={`${ids}-hint`}
            />
            <small id={`${ids}-hint`}>{t.review.searchHint}</small>
          </div>
          {search.data && search.data.length > 0 && (
            <fieldset className="ncm-options" id={`${ids}-options`} ref={options}>
              <legend className="visually-hidden">{t.review.options}</legend>
              {search.data.map((option) => (
                <label key={option.code} className="ncm-option">
                  <input type="radio" name="ncm" value={option.code} checked={chosen === option.code} onChange={() => setChosen(option.code)} />
                  <span className="mono">{formatNcm(option.code)}</span>
                  <span>
                    {option.description}
                    {/* Many codes read only "Outros": the levels above say what they are. */}
                    <small className="ncm-option-parent">{levelsAbove(option.path)}</small>
                  </span>
                </label>
              ))}
            </fieldset>
          )}
          {search.isSuccess && search.data.length === 0 && <p className="muted">{t.review.noMatches}</p>}
          <div className="field">
            <label htmlFor={`${ids}-note`}>{t.review.note}</label>
            <input id={`${ids}-note`} value={note} maxLength={2000} onChange={(event) => setNote(event.target.value)} />
          </div>
          <div className="actions">
            <button type="submit" className="primary" disabled={!chosen || review.isPending}>
              {t.review.confirmOverride}
            </button>
          </div>
        </form>
      )}
      {review.error && (
        <p className="alert alert-error" role="alert">
          {describeError(review.error, t)}
        </p>
      )}
    </section>
  );
}

/** The two levels above an entry, from its ' > '-joined path. */
function levelsAbove(path: string): string {
  return path.split(' > ').slice(-3, -1).join(' › ');
}
