import { useState, type FormEvent } from 'react';
import { RejectedRows } from '../components/rejected-rows';
import { useI18n } from '../i18n/i18n';
import { focusOnArrival, navigate } from '../lib/router';
import { authorizedFetch, useSession } from '../lib/session';
import { readUploadAnswer, rememberUpload, type UploadOutcome } from '../lib/uploads';

/** A purchase order or spreadsheet (CSV, XLSX, PDF) becomes a batch; its page then follows it live. */
export function BatchScreen() {
  const { t } = useI18n();
  const { token, signOut } = useSession();
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<Extract<UploadOutcome, { ok: false }> | null>(null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get('file');
    if (!(file instanceof File) || (file.size === 0 && file.name === '')) {
      setFailure({ ok: false, code: 'NO_FILE', message: t.batch.chooseFile, rejected: [] });
      return;
    }
    if (file.size === 0) {
      setFailure({ ok: false, code: 'EMPTY_FILE', message: t.batch.uploadErrors.EMPTY_FILE!, rejected: [] });
      return;
    }
    const body = new FormData();
    body.set('file', file);
    if (form.get('reclassify') === 'on') body.set('reclassify', 'true');
    setSending(true);
    setFailure(null);
    try {
      const response = await authorizedFetch(token, '/api/uploads', { method: 'POST', body });
      if (response.status === 401) return signOut({ expired: true });
      const outcome = await readUploadAnswer(response);
      if (outcome.ok) {
        rememberUpload(outcome.summary);
        navigate(`/tasks/${outcome.summary.taskId}`);
      } else setFailure(outcome);
    } catch {
      setFailure({ ok: false, code: 'NETWORK', message: t.errors.generic, rejected: [] });
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="screen narrow" aria-labelledby="batch-title">
      <h1 id="batch-title" tabIndex={-1} ref={focusOnArrival}>{t.batch.title}</h1>
      <p className="lead">{t.batch.intro}</p>
      <form className="card form" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor="file">{t.batch.file}</label>
          <input
            id="file"
            name="file"
            type="file"
            required
            accept=".csv,.xlsx,.pdf,text/csv,application/pdf,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby="file-hint"
          />
          <small id="file-hint">{t.batch.fileHint}</small>
        </div>
        <label className="check">
          <input type="checkbox" name="reclassify" /> {t.classify.reclassify}
        </label>
        {failure && (
          <p className="alert alert-error" role="alert">
            {t.batch.refused(t.batch.uploadErrors[failure.code] ?? failure.message)}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={sending}>
            {sending ? t.batch.sending : t.batch.submit}
          </button>
        </div>
      </form>
      {failure && <RejectedRows rows={failure.rejected} />}
    </section>
  );
}
