import { useState } from 'preact/hooks';
import { ErrorMessage, Loading } from '../components/common';
import { Field } from '../components/Field';
import { ApiError, api } from '../lib/api';
import { useConsoleConfig } from '../lib/config';
import { words } from '../lib/format';
import { useResource, type Resource } from '../lib/hooks';
import { signIn, signOutReason, tokenExpiry } from '../lib/session';
import { useStore } from '../lib/store';
import type { DevUser, Me } from '../lib/types';

/**
 * Sign-in. In development (the server's DEV_SIGN_IN) pick one of the roster's people and the API
 * issues their token; anywhere, paste a token (`npm run token -- <userId>`). Either way the token is
 * kept in this tab's sessionStorage only.
 */
export function SignInPage({ configError }: { configError?: ApiError }) {
  const config = useConsoleConfig();
  const reason = useStore(signOutReason);
  // Both panels appear together once the settings (and, in development, the people) are known, so
  // nothing moves under the reader's eyes as the answers arrive.
  const devSignIn = Boolean(config?.devSignIn);
  const users = useResource(
    () => (devSignIn ? api<{ users: DevUser[] }>('GET', '/auth/dev-users', { anonymous: true }) : Promise.resolve(null)),
    [devSignIn],
  );
  const ready = (config !== null && !users.loading) || configError !== undefined;
  return (
    <main id="main" class="sign-in" tabIndex={-1}>
      <h1>Sign in to Riskdesk</h1>
      {reason && (
        <p class="notice" role="status">
          {reason}
        </p>
      )}
      <ErrorMessage error={configError} prefix="Could not load the console settings" />
      {ready ? (
        <>
          {devSignIn && <DevSignIn users={users} />}
          <TokenSignIn />
        </>
      ) : (
        <Loading rows={4} />
      )}
    </main>
  );
}

function DevSignIn({ users }: { users: Resource<{ users: DevUser[] } | null> }) {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const choose = async (user: DevUser) => {
    setBusy(user.userId);
    setError(null);
    try {
      const { token, expiresAt } = await api<{ token: string; expiresAt: string }>('POST', '/auth/dev-token', { body: { userId: user.userId }, anonymous: true });
      signIn({ token, expiresAt, user: { userId: user.userId, name: user.name, role: user.role, team: user.team } });
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="panel" aria-labelledby="dev-sign-in-title">
      <h2 id="dev-sign-in-title">Development sign-in</h2>
      <p class="hint">This server issues tokens for its roster's people (DEV_SIGN_IN). Choose who you are:</p>
      <ErrorMessage error={users.error ?? error} />
      <ul class="user-grid" aria-busy={users.loading}>
        {(users.data?.users ?? []).map((u) => (
          <li key={u.userId}>
            <button type="button" class="user-choice" onClick={() => void choose(u)} disabled={busy !== null} data-user={u.userId}>
              <strong>{u.name}</strong>
              <span>
                {words(u.role)} · {u.team}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function TokenSignIn() {
  const [token, setToken] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const value = token.trim().replace(/^Bearer\s+/i, '');
    if (!value) {
      setError(new ApiError(400, 'validation_failed', 'Paste an access token', { fields: [{ field: 'token', problems: ['Paste an access token'] }] }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const me = await api<Me>('GET', '/auth/me', { token: value });
      signIn({ token: value, expiresAt: tokenExpiry(value), user: { userId: me.userId, name: me.name, role: me.role, team: me.team } });
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };

  const problems = error ? (error.fields.length ? error.fields.flatMap((f) => f.problems) : [error.message]) : undefined;
  return (
    <section class="panel" aria-labelledby="token-sign-in-title">
      <h2 id="token-sign-in-title">Sign in with a token</h2>
      <form onSubmit={submit} noValidate>
        <Field id="token" label="Access token" hint="From your identity provider, or `npm run token -- <userId>` on the server." problems={problems}>
          {(a11y) => <textarea {...a11y} rows={3} value={token} onInput={(e) => setToken((e.currentTarget as HTMLTextAreaElement).value)} autoComplete="off" spellcheck={false} />}
        </Field>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </section>
  );
}

