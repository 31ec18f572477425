// Setting up one's second factor (两步验证): a new seed as a QR code and as text, a code from the
// app to confirm it, then the recovery codes, shown once, to download before going on.
import { useState } from 'react';
import { renderSVG } from 'uqr';
import type { TotpSetup } from '../../api/accountsApi';
import { ApiError, type TwinApi } from '../../api/twinApi';
import { useI18n } from '../../i18n';

type Step = { kind: 'start' } | { kind: 'scan'; setup: TotpSetup } | { kind: 'codes'; codes: string[] };

/** The seed in groups of four, easier to type from the screen. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

export function TotpEnrolment({ api, onDone }: { api: TwinApi; onDone(): void }) {
  const { t } = useI18n();
  const [step, setStep] = useState<Step>({ kind: 'start' });
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(task: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await task();
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'totp_invalid' || err.code === 'bad_request'))
        setError(t('totp.codeInvalid'));
      else setError(t('totp.failed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  }

  const download = (codes: string[]) => {
    const url = URL.createObjectURL(new Blob([`${codes.join('\n')}\n`], { type: 'text/plain' }));
    Object.assign(document.createElement('a'), { href: url, download: 'recovery-codes.txt' }).click();
    URL.revokeObjectURL(url);
  };

  return (
    <div className="totp-enrolment">
      {step.kind === 'start' && (
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void run(async () => setStep({ kind: 'scan', setup: await api.accounts.totpSetup() }))}
        >
          {busy ? t('totp.starting') : t('totp.start')}
        </button>
      )}
      {step.kind === 'scan' && (
        <form
          className="password-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => setStep({ kind: 'codes', codes: await api.accounts.totpConfirm(code) }));
          }}
        >
          <p className="form-hint">{t('totp.scan')}</p>
          <div className="totp-seed">
            <img
              className="totp-qr"
              alt={step.setup.uri}
              src={`data:image/svg+xml;utf8,${encodeURIComponent(renderSVG(step.setup.uri, { border: 2 }))}`}
            />
            <code className="mono totp-secret" data-testid="totp-secret">
              {grouped(step.setup.secret)}
            </code>
          </div>
          <label>
            <span>{t('totp.enter')}</span>
            <input
              name="totp"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="\d{6}"
              maxLength={6}
              value={code}
              onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
              required
            />
          </label>
          <button type="submit" className="primary" disabled={busy || code.length !== 6}>
            {busy ? t('totp.confirming') : t('totp.confirm')}
          </button>
        </form>
      )}
      {step.kind === 'codes' && (
        <div className="form-ok" role="status">
          <h3>{t('totp.recoveryTitle')}</h3>
          <p>{t('totp.recoveryText')}</p>
          <ol className="recovery-codes mono" data-testid="recovery-codes">
            {step.codes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ol>
          <div className="form-buttons">
            <button type="button" onClick={() => download(step.codes)}>
              {t('totp.recoveryDownload')}
            </button>
            <button type="button" className="primary" onClick={onDone}>
              {t('totp.recoverySaved')}
            </button>
          </div>
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
