import { useState } from 'preact/hooks';
import { ApiError, api, type SessionInfo } from '../api';
import { Notice } from '../components/notice';

/** The admin key form. The key is sent once, in a POST body; the session cookie stands in after. */
export function SignInPage(props: {
  readonly onSignedIn: (session: SessionInfo) => void;
  readonly notice?: string;
}) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  return (
    <main class="sign-in" id="main">
      <form
        aria-labelledby="sign-in-title"
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          setError(undefined);
          try {
            const session = await api<SessionInfo>('/ui/api/session', {
              method: 'POST',
              body: { adminKey: key },
            });
            setKey('');
            props.onSignedIn(session);
          } catch (thrown) {
            setError(thrown instanceof ApiError ? thrown.message : 'The gateway could not be reached.');
          } finally {
            setBusy(false);
          }
        }}
      >
        <h1 id="sign-in-title">Hub gateway dashboard</h1>
        {props.notice !== undefined && <Notice kind="info">{props.notice}</Notice>}
        <label for="admin-key">Admin key</label>
        <input
          id="admin-key"
          type="password"
          autocomplete="current-password"
          required
          value={key}
          onInput={(event) => setKey(event.currentTarget.value)}
          aria-describedby={error === undefined ? undefined : 'sign-in-error'}
          aria-invalid={error !== undefined}
        />
        <button type="submit" disabled={busy}>
          Sign in
        </button>
        {error !== undefined && (
          <div id="sign-in-error">
            <Notice kind="error">{error}</Notice>
          </div>
        )}
      </form>
    </main>
  );
}
