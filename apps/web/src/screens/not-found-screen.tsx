import { useI18n } from '../i18n/i18n';
import { focusOnArrival, Link } from '../lib/router';

/** Any path the app has no screen for. */
export function NotFoundScreen() {
  const { t } = useI18n();
  return (
    <section className="screen narrow" aria-labelledby="not-found-title">
      <h1 id="not-found-title" tabIndex={-1} ref={focusOnArrival}>
        {t.notFound.title}
      </h1>
      <p className="lead">{t.notFound.text}</p>
      <p>
        <Link href="/" className="button">
          {t.notFound.home}
        </Link>
      </p>
    </section>
  );
}
