import { useState, type FormEvent } from 'react';
import { useApi } from '../shared/api/ApiProvider';
import { ApiError } from '../shared/api/client';
import { kCookieModeHeaders, type Session, type SessionTokens } from '../shared/auth/session';
import { Button } from '../shared/ui/Button';
import { Logo } from './Logo';
import { useSubmit } from '../shared/lib/useSubmit';
import { FormError } from '../shared/ui/FormError';

const inputClass =
  'h-9 w-full rounded-lg border border-line bg-surface px-3 text-sm outline-none focus:border-accent focus:ring-2 focus:ring-accent/20';

/** The first-owner setup of a new install, or the sign-in form. */
export function SignInPage({ kind, session, onDone }: { kind: 'setup' | 'login'; session: Session; onDone: () => void }) {
  const api = useApi();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useSubmit();
  const setup = kind === 'setup';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await run(async () => {
      const post = (body: object) =>
        api.http.request<SessionTokens>('POST', setup ? '/api/auth/setup' : '/api/auth/login', { body, headers: kCookieModeHeaders });
      const body = setup ? { email, password, name } : { email, password };
      // Back to the workspace used last on this browser; if that membership
      // is gone (403), wherever the server puts the account.
      const last = setup ? null : session.lastWorkspace(email);
      let tokens: SessionTokens;
      try {
        tokens = await post(last ? { ...body, workspace: last } : body);
      } catch (err) {
        if (!(last && err instanceof ApiError && err.status === 403)) throw err;
        tokens = await post(body);
      }
      session.signIn(tokens);
      onDone();
    });
  };

  return (
    <div className="flex min-h-full items-center justify-center bg-bg p-6">
      <form onSubmit={submit} className="w-full max-w-sm rounded-2xl border border-line bg-surface p-7 shadow-pop" aria-label={setup ? 'Set up Weft' : 'Sign in'}>
        <Logo />
        <h1 className="mt-5 text-lg font-semibold">{setup ? 'Set up Weft' : 'Sign in to Weft'}</h1>
        <p className="mt-1 text-sm text-muted">
          {setup
            ? 'Create the first account. It owns the workspace and can invite others.'
            : 'Use the account an owner or admin made for you.'}
        </p>
        <div className="mt-5 flex flex-col gap-3.5">
          <label className="flex flex-col gap-1 text-xs font-medium">
            Email
            <input type="email" required autoComplete="username" autoFocus value={email} onChange={(e) => setEmail(e.target.value)} className={inputClass} />
          </label>
          {setup ? (
            <label className="flex flex-col gap-1 text-xs font-medium">
              Name
              <input autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} className={inputClass} />
            </label>
          ) : null}
          <label className="flex flex-col gap-1 text-xs font-medium">
            Password
            <input
              type="password"
              required
              minLength={setup ? 8 : undefined}
              autoComplete={setup ? 'new-password' : 'current-password'}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              className={inputClass}
            />
            {setup ? <span className="font-normal text-muted">At least 8 characters.</span> : null}
          </label>
          <FormError message={error} />
          <Button type="submit" variant="primary" busy={busy} className="mt-1 w-full">
            {setup ? 'Create account' : 'Sign in'}
          </Button>
        </div>
      </form>
    </div>
  );
}
