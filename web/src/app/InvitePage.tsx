import { useEffect, useState, type FormEvent } from 'react';
import { useApi } from '../shared/api/ApiProvider';
import type { InviteInfo } from '../shared/api/accountTypes';
import { errorText } from '../shared/api/errorText';
import type { Session } from '../shared/auth/session';
import { Button } from '../shared/ui/Button';
import { TextField } from '../shared/ui/TextField';
import { Logo } from './Logo';
import { navigate } from './router';
import { useSubmit } from '../shared/lib/useSubmit';
import { FormError } from '../shared/ui/FormError';

/** `/invite#<token>`: a public page that joins the invited workspace, creating the account if needed. */
export function InvitePage({ session }: { session: Session }) {
  const api = useApi();
  const token = window.location.hash.slice(1);
  const [info, setInfo] = useState<InviteInfo | null>(null);
  const [problem, setProblem] = useState<string | null>(token ? null : 'This link has no invite in it.');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useSubmit();

  useEffect(() => {
    if (!token) return;
    api
      .inviteInfo(token)
      .then((answer) => {
        setInfo(answer);
        if (answer.email) setEmail(answer.email);
      })
      .catch((e: unknown) => setProblem(errorText(e)));
  }, [api, token]);

  const accept = async (e: FormEvent) => {
    e.preventDefault();
    await run(async () => {
      session.signIn(await api.acceptInvite(token, { email, password, name }));
      navigate('/', { replace: true, force: true });
    });
  };

  return (
    <div className="flex min-h-full items-center justify-center bg-bg p-6">
      <form onSubmit={(e) => void accept(e)} aria-label="Accept invite" className="w-full max-w-sm rounded-2xl border border-line bg-surface p-7 shadow-pop">
        <Logo />
        <h1 className="mt-5 text-lg font-semibold">Join {info?.workspace_name || 'a Weft workspace'}</h1>
        <p className="mt-1 text-sm text-muted">
          {problem ?? (info ? `You are invited as ${info.role ?? 'a member'}. New here? This creates your account; otherwise use your password.` : 'Checking the invite…')}
        </p>
        {!problem ? (
          <div className="mt-5 flex flex-col gap-3.5">
            <TextField label="Email" type="email" required autoComplete="username" value={email} readOnly={Boolean(info?.email)} onChange={(e) => setEmail(e.target.value)} />
            <TextField label="Name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
            <TextField label="Password" type="password" required minLength={8} autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} hint="At least 8 characters." />
            <FormError message={error} />
            <Button type="submit" variant="primary" busy={busy} className="w-full">
              Join
            </Button>
          </div>
        ) : null}
      </form>
    </div>
  );
}
