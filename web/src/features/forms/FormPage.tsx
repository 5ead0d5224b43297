import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Logo } from '../../app/Logo';
import { useApi } from '../../shared/api/ApiProvider';
import { ApiError } from '../../shared/api/client';
import { errorText } from '../../shared/api/errorText';
import type { FormSubmitted, PublicForm } from '../../shared/api/triggerTypes';
import { useResource } from '../../shared/lib/useResource';
import { Button } from '../../shared/ui/Button';
import { FormError } from '../../shared/ui/FormError';
import { Icon } from '../../shared/ui/Icon';
import { LoadingState } from '../../shared/ui/States';
import { FormAnswer } from './FormAnswer';
import { FormField } from './FormField';
import { checkValues, fieldOfPointer, initialValues, toFormData, type FormValues } from './formValues';

/** The frame of the public page: a centred card, full width on a phone. */
function Frame({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-full justify-center bg-bg px-3 py-6 sm:px-6 sm:py-12">
      <main className="w-full max-w-xl">
        <div className="rounded-2xl border border-line bg-surface p-5 shadow-pop sm:p-8">{children}</div>
        <p className="mt-4 flex items-center justify-center gap-1.5 text-xs text-faint">
          <span className="scale-75">
            <Logo />
          </span>
          Made with Weft
        </p>
      </main>
    </div>
  );
}

/** A form that is gone: never there, expired or full (404, 410), or the server cannot be reached. */
function Unavailable({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const status = error instanceof ApiError ? error.status : 0;
  const [title, text] =
    status === 410
      ? ['This form is closed', 'It has expired or has taken all the answers it accepts. Ask whoever shared it for a new link.']
      : status === 404
        ? ['This form does not exist', 'The link may be mistyped, or the form was removed or given a new link.']
        : ['The form cannot be loaded', errorText(error)];
  return (
    <Frame>
      <div className="flex flex-col items-center gap-3 py-6 text-center" data-testid="form-unavailable">
        <span className="flex h-12 w-12 items-center justify-center rounded-2xl bg-surface-2 text-muted">
          <Icon name={status === 410 ? 'clock' : 'search'} size={22} />
        </span>
        <h1 className="text-lg font-semibold">{title}</h1>
        <p className="max-w-sm text-sm text-muted">{text}</p>
        {status === 404 || status === 410 ? null : (
          <Button icon="refresh" onClick={onRetry}>
            Try again
          </Button>
        )}
      </div>
    </Frame>
  );
}

/** What the run said back: its outputs when it finished, else the message or a thank-you. */
function Done({ answer, onAgain }: { answer: FormSubmitted; onAgain: () => void }) {
  const finished = answer.status === 'succeeded' && answer.outputs && Object.keys(answer.outputs).length > 0;
  const failed = answer.status === 'failed' || answer.status === 'cancelled' || answer.status === 'interrupted';
  return (
    <div className="flex flex-col gap-4" data-testid="form-answer" data-status={answer.status} role="status">
      <h2 className="flex items-center gap-2 text-base font-semibold">
        <Icon name={failed ? 'alert' : 'check'} size={18} className={failed ? 'text-danger' : 'text-success'} />
        {failed ? 'Your answer was received, but processing it failed' : finished ? 'Here is the result' : 'Thank you'}
      </h2>
      {finished && answer.outputs ? <FormAnswer outputs={answer.outputs} /> : null}
      {!finished ? <p className="text-sm text-muted">{answer.message || (failed ? 'Please try again later.' : 'Your answer was received.')}</p> : null}
      <Button className="self-start" icon="refresh" onClick={onAgain}>
        Submit another answer
      </Button>
    </div>
  );
}

function Filling({ token, form }: { token: string; form: PublicForm }) {
  const api = useApi();
  const [values, setValues] = useState<FormValues>(() => initialValues(form.fields));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<FormSubmitted | null>(null);
  const [attempt, setAttempt] = useState(0);
  const root = useRef<HTMLFormElement>(null);

  // After a refused submission, focus the first field with a problem.
  useEffect(() => {
    if (attempt > 0) root.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const local = checkValues(form.fields, values);
    setProblems(local);
    if (Object.keys(local).length > 0) {
      setAttempt((a) => a + 1);
      return;
    }
    setBusy(true);
    try {
      setAnswer(await api.submitPublicForm(token, toFormData(form.fields, values)));
    } catch (err) {
      const byField: Record<string, string> = {};
      const rest: string[] = [];
      for (const d of err instanceof ApiError ? err.details : []) {
        const name = fieldOfPointer(d.pointer);
        if (name && form.fields.some((f) => f.name === name)) byField[name] = byField[name] ? `${byField[name]} ${d.message}` : d.message;
        else rest.push(d.message);
      }
      setProblems(byField);
      const gone = err instanceof ApiError && (err.status === 404 || err.status === 410);
      setError(
        gone
          ? 'This form has just closed: it expired or took all the answers it accepts.'
          : Object.keys(byField).length > 0 && rest.length === 0
            ? 'Please correct the fields marked below.'
            : err instanceof Error
              ? [err.message, ...rest].join(' ')
              : String(err),
      );
      setAttempt((a) => a + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Frame>
      <h1 className="text-xl font-semibold tracking-tight">{form.title}</h1>
      {form.description ? <p className="mt-1.5 text-sm leading-6 whitespace-pre-wrap text-muted">{form.description}</p> : null}
      <div className="mt-6">
        {answer ? (
          <Done
            answer={answer}
            onAgain={() => {
              setAnswer(null);
              setValues(initialValues(form.fields));
            }}
          />
        ) : (
          <form ref={root} aria-label={form.title} noValidate onSubmit={(e) => void submit(e)} className="flex flex-col gap-5">
            {form.fields.map((f) => (
              <FormField
                key={f.name}
                field={f}
                value={values[f.name] ?? ''}
                problem={problems[f.name]}
                disabled={busy}
                onChange={(v) => setValues((old) => ({ ...old, [f.name]: v }))}
              />
            ))}
            <FormError message={error} />
            <Button type="submit" variant="primary" busy={busy} className="h-10 w-full sm:w-auto sm:self-start" data-testid="form-submit">
              {busy ? 'Sending…' : form.submit_label || 'Submit'}
            </Button>
          </form>
        )}
      </div>
    </Frame>
  );
}

/** `/f/:token`: a pipeline shared as a form. Public: no sign-in, outside the app's frame. */
export default function FormPage({ token }: { token: string }) {
  const api = useApi();
  const form = useResource(() => api.getPublicForm(token), `form:${token}`);
  useEffect(() => {
    if (form.data?.title) document.title = form.data.title;
  }, [form.data?.title]);
  if (form.error && !form.data) return <Unavailable error={form.error} onRetry={form.reload} />;
  if (!form.data) return <LoadingState label="Opening the form…" />;
  return <Filling token={token} form={form.data} />;
}
