import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useI18n } from '../i18n/i18n';
import { describeError, useTRPC } from '../lib/nexa';
import { focusOnArrival, navigate } from '../lib/router';

export function ClassifyScreen() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const submit = useMutation(
    trpc.classification.submit.mutationOptions({ onSuccess: ({ taskId }) => navigate(`/tasks/${taskId}`) }),
  );

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '');
    submit.mutate({
      partnumber: text('partnumber'),
      description: text('description'),
      manufacturer: text('manufacturer'),
      supplier: text('supplier'),
      reclassify: form.get('reclassify') === 'on',
    });
  };

  return (
    <section className="screen narrow" aria-labelledby="classify-title">
      <h1 id="classify-title" tabIndex={-1} ref={focusOnArrival}>{t.classify.title}</h1>
      <p className="lead">{t.classify.intro}</p>
      <form className="card form" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor="partnumber">{t.classify.partnumber}</label>
          <input id="partnumber" name="partnumber" required minLength={3} maxLength={64} autoComplete="off" autoFocus spellCheck={false} aria-describedby="partnumber-hint" />
          <small id="partnumber-hint">{t.classify.partnumberHint}</small>
        </div>
        <div className="field">
          <label htmlFor="description">{t.classify.description}</label>
          <textarea id="description" name="description" rows={3} maxLength={2000} />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="manufacturer">{t.classify.manufacturer}</label>
            <input id="manufacturer" name="manufacturer" maxLength={200} autoComplete="off" />
          </div>
          <div className="field">
            <label htmlFor="supplier">{t.classify.supplier}</label>
            <input id="supplier" name="supplier" maxLength={200} autoComplete="off" />
          </div>
        </div>
        <label className="check">
          <input type="checkbox" name="reclassify" /> {t.classify.reclassify}
        </label>
        {submit.error && (
          <p className="alert alert-error" role="alert">
            {describeError(submit.error, t)}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={submit.isPending}>
            {submit.isPending ? t.classify.submitting : t.classify.submit}
          </button>
        </div>
      </form>
    </section>
  );
}
