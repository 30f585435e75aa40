import { useState } from 'react';
import { DemoPanel } from '../components/DemoPanel.tsx';
import { useNavigate, useSearchParams } from 'react-router';
import { vi } from '../i18n/vi.ts';
import { PageHeading } from '../components/ui.tsx';
import { ErrorSummary, TextInput, errorFor, type FormError } from '../components/forms.tsx';
import { ApiError } from '../lib/api.ts';
import { afterSignIn, useSession } from '../lib/session.tsx';

export function OfficeSignIn() {
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [pending, setPending] = useState(false);

  return (
    <div style={{ maxWidth: '36rem' }}>
      <ErrorSummary errors={errors} />
      <PageHeading office title={vi.office.signInTitle}>
        {vi.office.signInTitle}
      </PageHeading>
      {params.get('da-dang-xuat') && (
        <div className="notice success" role="status">
          <p style={{ margin: 0 }}>{vi.signIn.signedOut}</p>
        </div>
      )}
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          const errs: FormError[] = [];
          if (!username.trim()) errs.push({ field: 'username', message: vi.form.required(vi.signIn.username) });
          if (!password) errs.push({ field: 'password', message: vi.form.required(vi.signIn.password) });
          setErrors(errs);
          if (errs.length) return;
          setPending(true);
          try {
            const m = await signIn(username.trim(), password);
            // back to the page that asked, only for the official who left it (a shared counter PC)
            navigate(afterSignIn(params, m, '/can-bo'), { replace: true });
          } catch (err) {
            const e = err instanceof ApiError ? err : null;
            const message = e?.status === 423 || e?.code === 'account-locked' ? (e.detail ?? vi.signIn.locked) : e?.status === 429 ? (e.detail ?? vi.signIn.locked) : e && e.status !== 401 && e.status !== 0 ? (e.detail ?? e.title) : e?.status === 0 ? vi.app.offline : vi.signIn.failed;
            setErrors([{ field: 'username', message }]);
          } finally {
            setPending(false);
          }
        }}
      >
        <TextInput id="username" label={vi.signIn.username} autoComplete="username" spellCheck={false} autoCapitalize="none" value={username} onChange={(e) => setUsername(e.target.value)} error={errorFor(errors, 'username')} className="w-20" />
        <TextInput id="password" type="password" label={vi.signIn.password} autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={errorFor(errors, 'password')} className="w-20" />
        <button type="submit" className="button" disabled={pending}>
          {pending ? vi.form.sending : vi.signIn.button}
        </button>
      </form>
      <DemoPanel who="officials" />
    </div>
  );
}
