import { useEffect, useState } from 'preact/hooks';
import { api, onSignedOut, type SessionInfo, setCsrfToken } from './api';
import { KeysPage } from './pages/keys-page';
import { OverviewPage } from './pages/overview-page';
import { ProvidersPage } from './pages/providers-page';
import { RequestsPage } from './pages/requests-page';
import { SignInPage } from './pages/sign-in-page';
import { SpendPage } from './pages/spend-page';

const PAGES = [
  { route: 'overview', title: 'Overview' },
  { route: 'providers', title: 'Providers' },
  { route: 'keys', title: 'Keys and teams' },
  { route: 'spend', title: 'Spend' },
  { route: 'requests', title: 'Requests' },
] as const;
type Route = (typeof PAGES)[number]['route'];

function routeOf(hash: string): Route {
  const name = hash.replace(/^#\/?/, '');
  return PAGES.find((page) => page.route === name)?.route ?? 'overview';
}

type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'signed-out'; readonly notice?: string }
  | { readonly status: 'signed-in'; readonly session: SessionInfo };

/** The shell: sign-in, navigation (hash routes, so every page has a link) and sign-out. */
export function App() {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [route, setRoute] = useState<Route>(routeOf(location.hash));

  const signIn = (session: SessionInfo): void => {
    setCsrfToken(session.csrfToken);
    setState({ status: 'signed-in', session });
  };

  useEffect(() => {
    api<SessionInfo>('/ui/api/session').then(signIn, (error: { status?: number; message?: string }) =>
      setState({ status: 'signed-out', ...(error.status === 503 && { notice: error.message }) }),
    );
    const onHash = (): void => setRoute(routeOf(location.hash));
    window.addEventListener('hashchange', onHash);
    const unsubscribe = onSignedOut(() => {
      setCsrfToken(null);
      setState({ status: 'signed-out', notice: 'Your session ended; sign in again.' });
    });
    return () => {
      window.removeEventListener('hashchange', onHash);
      unsubscribe();
    };
  }, []);

  useEffect(() => {
    const page = PAGES.find((candidate) => candidate.route === route);
    document.title = `${page?.title ?? 'Dashboard'} · Hub gateway`;
  }, [route]);

  if (state.status === 'loading') return <p class="loading">Loading…</p>;
  if (state.status === 'signed-out')
    return <SignInPage onSignedIn={signIn} {...(state.notice !== undefined && { notice: state.notice })} />;
  const governance = state.session.governance;
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="top">
        <span class="brand">Hub gateway</span>
        <nav aria-label="Dashboard pages">
          <ul>
            {PAGES.map((page) => (
              <li key={page.route}>
                <a href={`#/${page.route}`} aria-current={route === page.route ? 'page' : undefined}>
                  {page.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <button
          type="button"
          class="secondary sign-out"
          onClick={async () => {
            try {
              await api('/ui/api/session', { method: 'DELETE' });
            } finally {
              setCsrfToken(null);
              setState({ status: 'signed-out', notice: 'Signed out.' });
            }
          }}
        >
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {route === 'overview' && <OverviewPage />}
        {route === 'providers' && <ProvidersPage />}
        {route === 'keys' && <KeysPage governance={governance} />}
        {route === 'spend' && <SpendPage governance={governance} />}
        {route === 'requests' && <RequestsPage />}
      </main>
    </>
  );
}
