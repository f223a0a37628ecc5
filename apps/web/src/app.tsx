import { ConnectionBadge } from './components/connection-badge';
import { I18nProvider, useI18n } from './i18n/i18n';
import { locales, type Locale } from './i18n/messages';
import { NexaProvider, useTRPC } from './lib/nexa';
import { useQuery } from '@tanstack/react-query';
import { Link, matchPath, navigate, useLocation } from './lib/router';
import { SessionProvider, useSession } from './lib/session';
import { BatchScreen } from './screens/batch-screen';
import { ClassifyScreen } from './screens/classify-screen';
import { HistoryScreen } from './screens/history-screen';
import { NotFoundScreen } from './screens/not-found-screen';
import { LoginScreen } from './screens/login-screen';
import { TaskScreen } from './screens/task-screen';
import { useEffect } from 'react';

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <SessionScope />
      </SessionProvider>
    </I18nProvider>
  );
}

/** A new client (and an empty cache) for every sign-in; a refreshed token keeps both (and whatever is being typed). */
function SessionScope() {
  const { token } = useSession();
  return (
    <NexaProvider key={token ? 'signed-in' : 'signed-out'} token={token}>
      <Shell />
    </NexaProvider>
  );
}

function Shell() {
  const { t, locale, setLocale } = useI18n();
  const { token, signOut } = useSession();
  const { pathname, search } = useLocation();
  const onLogin = pathname === '/login';
  const next = search.get('next') ?? '/';
  const trpc = useTRPC();
  // Who is signed in; an expired or revoked token answers UNAUTHORIZED here, which signs out.
  const me = useQuery({ ...trpc.auth.me.queryOptions(), enabled: token !== null, staleTime: 60_000 });

  // Signed out: every screen but the sign-in one sends there (and back afterwards).
  useEffect(() => {
    if (!token && !onLogin) navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
    if (token && onLogin) navigate(next.startsWith('/') ? next : '/', { replace: true });
  }, [token, onLogin, next]);

  const navItems = token
    ? [
        { href: '/', label: t.nav.classify, active: pathname === '/' },
        { href: '/batch', label: t.nav.batch, active: pathname === '/batch' },
        { href: '/tasks', label: t.nav.history, active: pathname.startsWith('/tasks') },
      ]
    : [];

  return (
    <>
      <a className="skip-link" href="#main">
        {t.nav.main}
      </a>
      <header className="topbar">
        <Link href="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            N
          </span>
          <span>
            <strong>{t.appName}</strong>
            <small>{t.tagline}</small>
          </span>
        </Link>
        <nav aria-label={t.nav.main} className="nav">
          {navItems.map((item) => (
            <Link key={item.href} href={item.href} aria-current={item.active ? 'page' : undefined}>
              {item.label}
            </Link>
          ))}
        </nav>
        <div className="topbar-end">
          {token && <ConnectionBadge />}
          <label className="language">
            <span className="visually-hidden">{t.language.label}</span>
            <select value={locale} onChange={(event) => setLocale(event.target.value as Locale)} aria-label={t.language.label}>
              {(Object.keys(locales) as Locale[]).map((code) => (
                <option key={code} value={code}>
                  {t.language[code]}
                </option>
              ))}
            </select>
          </label>
          {me.data && (
            <span className="user-email" title={me.data.email}>
              {me.data.email}
            </span>
          )}
          {token && (
            <button type="button" onClick={() => signOut()}>
              {t.nav.signOut}
            </button>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {onLogin ? <LoginScreen next={next.startsWith('/') && !next.startsWith('/login') ? next : '/'} /> : token ? <Screen pathname={pathname} /> : null}
      </main>
    </>
  );
}

function Screen({ pathname }: { pathname: string }) {
  const task = matchPath('/tasks/:id', pathname);
  if (task) return <TaskScreen key={task.id} taskId={task.id!} />;
  if (pathname === '/batch') return <BatchScreen />;
  if (pathname === '/tasks') return <HistoryScreen />;
  if (pathname === '/') return <ClassifyScreen />;
  return <NotFoundScreen />;
}
