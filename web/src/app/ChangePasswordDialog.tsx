import { useState, type FormEvent } from 'react';
import { useApi } from '../shared/api/ApiProvider';
import type { SessionTokens } from '../shared/auth/session';
import { Button } from '../shared/ui/Button';
import { Dialog } from '../shared/ui/Dialog';
import { kFieldInput } from '../shared/ui/TextField';
import { useSubmit } from '../shared/lib/useSubmit';
import { FormError } from '../shared/ui/FormError';

const kMinLength = 8;

/** Asks for the current and a new password; the server answers with a fresh session. */
export function ChangePasswordDialog({ onClose, onChanged }: { onClose: () => void; onChanged: (tokens: SessionTokens) => void }) {
  const api = useApi();
  const [old, setOld] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const { busy, error, run } = useSubmit();
  const mismatch = again !== '' && again !== next;

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (mismatch || next.length < kMinLength) return;
    await run(async () => onChanged(await api.changePassword(old, next)));
  };

  return (
    <Dialog
      title="Change password"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" busy={busy} disabled={!old || next.length < kMinLength || next !== again} onClick={() => void submit()}>
            Change password
          </Button>
        </>
      }
    >
      <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-3" aria-label="Change password">
        <label className="flex flex-col gap-1 text-xs font-medium">
          Current password
          <input type="password" autoFocus autoComplete="current-password" value={old} onChange={(e) => setOld(e.target.value)} className={kFieldInput} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          New password
          <input type="password" autoComplete="new-password" minLength={kMinLength} value={next} onChange={(e) => setNext(e.target.value)} className={kFieldInput} />
          <span className="font-normal text-muted">At least {kMinLength} characters. Your other sessions will be signed out.</span>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          New password again
          <input type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} className={kFieldInput} />
          {mismatch ? <span className="font-normal text-danger">The two do not match.</span> : null}
        </label>
        <FormError message={error} />
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
