import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

// A few screens need no routing library: the path lives in the URL, so a reload lands on the same screen.
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
};

/** Whether the page was reached through the app (a link or a form), not loaded. */
let navigatedInApp = false;

export function navigate(to: string, { replace = false } = {}) {
  navigatedInApp = true;
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  for (const listener of listeners) listener();
  window.scrollTo(0, 0);
}

/**
 * For a screen's heading (`tabIndex={-1}`): after an in-app navigation focus moves to it, so keyboard
 * and screen-reader users land on the new screen instead of the page's body.
 */
export function focusOnArrival(element: HTMLElement | null) {
  if (element && navigatedInApp) element.focus({ preventScroll: true });
}

/** The current path and query string. */
export function useLocation(): { pathname: string; search: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, () => location.pathname + location.search);
  const url = new URL(href, location.origin);
  return { pathname: url.pathname, search: url.searchParams };
}

/** Matches `/tasks/:id`-style patterns; returns the named parts or null. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = pathname.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of want.entries()) {
    const actual = have[index]!;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(actual);
    else if (part !== actual) return null;
  }
  return params;
}

export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={follow} {...rest} />;
}
