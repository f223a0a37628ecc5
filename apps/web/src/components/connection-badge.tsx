import { useI18n } from '../i18n/i18n';
import { useConnectionState } from '../lib/nexa';

/** Whether live updates are flowing: the WebSocket's state as the client reports it. */
export function ConnectionBadge() {
  const { t } = useI18n();
  const state = useConnectionState();
  return (
    <span className={`connection connection-${state}`} role="status" aria-label={t.connection.label} data-state={state}>
      <span className="connection-dot" aria-hidden="true" />
      {t.connection[state]}
    </span>
  );
}
