import { ConnectionBadge } from './components/connection-badge';
import { I18nProvider, useI18n } from './i18n/i18n';
import { locales, type Locale } from './i18n/messages';
import { NexaProvider } from './lib/nexa';
import { Link, matchPath, useLocation } from './lib/router';
import { ClassifyScreen } from './screens/classify-screen';
import { TaskScreen } from './screens/task-screen';

export function App() {
  return (
    <I18nProvider>
      <NexaProvider>
        <Shell />
      </NexaProvider>
    </I18nProvider>
  );
}

function Shell() {
  const { t, locale, setLocale } = useI18n();
  const { pathname } = useLocation();
  const navItems = [{ href: '/', label: t.nav.classify, active: pathname === '/' || pathname.startsWith('/tasks/') }];

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
          <ConnectionBadge />
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
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Screen pathname={pathname} />
      </main>
    </>
  );
}

function Screen({ pathname }: { pathname: string }) {
  const task = matchPath('/tasks/:id', pathname);
  if (task) return <TaskScreen key={task.id} taskId={task.id!} />;
  return <ClassifyScreen />;
}
