import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n';
import { TRPCClientError } from '@trpc/client';
import { describeError, useTRPC, type NexaError } from '../lib/nexa';
import { navigate } from '../lib/router';
import { useSession } from '../lib/session';

/** Sign in, or create an account; either answers an access token that the whole app then uses. */
export function LoginScreen({ next }: { next: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { signIn, expired } = useSession();
  const [mode, setMode] = useState<'login' | 'register'>('login');
  const onSession = ({ accessToken }: { accessToken: string }) => {
    signIn(accessToken);
    navigate(next, { replace: true });
  };
  const login = useMutation(trpc.auth.login.mutationOptions({ onSuccess: onSession }));
  const register = useMutation(trpc.auth.register.mutationOptions({ onSuccess: onSession }));
  const action = mode === 'login' ? login : register;
  const describeLoginError = (error: unknown) => {
    const code = error instanceof TRPCClientError ? (error as NexaError).data?.code : undefined;
    if (code === 'UNAUTHORIZED' && mode === 'login') return t.login.wrongCredentials;
    if (code === 'CONFLICT' && mode === 'register') return t.login.emailTaken;
    return describeError(error, t);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '');
    const password = String(form.get('password') ?? '');
    const name = String(form.get('name') ?? '').trim();
    if (mode === 'login') login.mutate({ email, password });
    else register.mutate({ email, password, ...(name ? { name } : {}) });
  };

  return (
    <section className="screen narrow login" aria-labelledby="login-title">
      <h1 id="login-title">{mode === 'login' ? t.login.title : t.login.registerTitle}</h1>
      <p className="lead">{t.login.intro}</p>
      <form className="card form" onSubmit={onSubmit} noValidate>
        {mode === 'register' && (
          <div className="field">
            <label htmlFor="name">{t.login.name}</label>
            <input id="name" name="name" maxLength={200} autoComplete="name" />
          </div>
        )}
        <div className="field">
          <label htmlFor="email">{t.login.email}</label>
          <input id="email" name="email" type="email" required autoComplete="email" autoFocus />
        </div>
        <div className="field">
          <label htmlFor="password">{t.login.password}</label>
          <input
            id="password"
            name="password"
            type="password"
            required
            minLength={mode === 'register' ? 10 : undefined}
            autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
            aria-describedby={mode === 'register' ? 'password-hint' : undefined}
          />
          {mode === 'register' && <small id="password-hint">{t.login.passwordHint}</small>}
        </div>
        {action.error && (
          <p className="alert alert-error" role="alert">
            {describeLoginError(action.error)}
          </p>
        )}
        {expired && !action.error && (
          <p className="alert alert-info" role="status">
            {t.login.expired}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={action.isPending}>
            {mode === 'login' ? t.login.submit : t.login.registerSubmit}
          </button>
          <button type="button" className="link-button" onClick={() => setMode(mode === 'login' ? 'register' : 'login')}>
            {mode === 'login' ? t.login.toRegister : t.login.toLogin}
          </button>
        </div>
      </form>
    </section>
  );
}
