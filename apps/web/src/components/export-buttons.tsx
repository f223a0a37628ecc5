import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { authorizedFetch, useSession } from '../lib/session';

/** The export needs the bearer token, so it is fetched and handed to the browser as a file, not linked. */
export function ExportButtons({ taskId }: { taskId: string }) {
  const { t } = useI18n();
  const { token, signOut } = useSession();
  const [busy, setBusy] = useState<'xlsx' | 'csv' | null>(null);
  const [failed, setFailed] = useState(false);

  const download = async (format: 'xlsx' | 'csv') => {
    setBusy(format);
    setFailed(false);
    try {
      const response = await authorizedFetch(token, `/api/tasks/${taskId}/export.${format}`);
      if (response.status === 401) return signOut({ expired: true });
      if (!response.ok) throw new Error(String(response.status));
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = `nexa-${taskId}.${format}`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      setFailed(true);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="actions" role="group" aria-label={t.export.label}>
      {(['xlsx', 'csv'] as const).map((format) => (
        <button key={format} type="button" onClick={() => void download(format)} disabled={busy !== null}>
          {busy === format ? t.export.preparing : t.export[format]}
        </button>
      ))}
      {failed && (
        <p className="alert alert-error" role="alert">
          {t.errors.generic}
        </p>
      )}
    </div>
  );
}
