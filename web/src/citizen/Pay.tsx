/**
 * Paying a fee by bank transfer: the receiving bank, account, amount and transfer content each with a copy
 * button; links that open the citizen's bank app with the transfer filled in (paying on the same phone);
 * the VietQR image (drawn in the browser from the platform's NAPAS payload) with a button that saves it as
 * a PNG (to pick from the bank app's "scan from photo"); and the status updating by itself when the bank
 * confirms.
 */
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import QRCode from 'qrcode';
import { vi } from '../i18n/vi.ts';
import { Breadcrumbs, Loading, PageHeading, ProblemNotice, SummaryList } from '../components/ui.tsx';
import { useApi } from '../lib/api.ts';
import { BANK_APPS, bankAppLink } from '../lib/bank-apps.ts';
import { formatMoney } from '../lib/format.ts';
import { RequireCitizen } from './RequireCitizen.tsx';

/** Copies `value`; says so in a live region (the button keeps its name, so screen readers hear both). */
function CopyButton({ value, what }: { value: string; what: string }) {
  const [done, setDone] = useState<'ok' | 'failed' | null>(null);
  const copy = async () => {
    try {
      if (navigator.clipboard?.writeText) await navigator.clipboard.writeText(value);
      else {
        const ta = document.createElement('textarea');
        ta.value = value;
        ta.setAttribute('readonly', '');
        ta.style.position = 'fixed';
        ta.style.opacity = '0';
        document.body.appendChild(ta);
        ta.select();
        const ok = document.execCommand('copy');
        ta.remove();
        if (!ok) throw new Error('copy');
      }
      setDone('ok');
    } catch {
      setDone('failed');
    }
  };
  return (
    <>
      <button type="button" className="button secondary small" onClick={copy} aria-label={vi.pay.copyLabel(what)}>
        {vi.pay.copy}
      </button>{' '}
      <span role="status" className="small">
        {done === 'ok' ? vi.pay.copied : done === 'failed' ? vi.pay.copyFailed : ''}
      </span>
    </>
  );
}

function CopyRow({ value, what, mono }: { value: string; what: string; mono?: boolean }) {
  return (
    <span className="copy-row">
      <strong className={`value${mono ? ' mono' : ''}`}>{value}</strong>
      <CopyButton value={value} what={what} />
    </span>
  );
}

function QrImage({ payload, alt, fileName }: { payload: string; alt: string; fileName: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    QRCode.toDataURL(payload, { errorCorrectionLevel: 'M', margin: 2, width: 512 }).then((url) => alive && setSrc(url));
    return () => {
      alive = false;
    };
  }, [payload]);
  if (!src) return <Loading />;
  return (
    <>
      <div className="qr">
        <img src={src} alt={alt} width={256} height={256} />
      </div>
      <p>
        <a className="button secondary" href={src} download={fileName}>
          {vi.pay.saveQr}
        </a>
      </p>
      <p className="small">{vi.pay.saveQrHint}</p>
    </>
  );
}

function Payment({ code }: { code: string }) {
  const [paid, setPaid] = useState(false);
  const { data, error, reload } = useApi('/api/v1/dossiers/{code}/payment', { path: { code } }, { staleMs: 0, pollMs: paid ? undefined : 5_000 });
  useEffect(() => {
    if (data?.paid) setPaid(true);
  }, [data?.paid]);
  if (error) return <ProblemNotice error={error} onRetry={reload} />;
  if (!data) return <Loading />;
  const q = data.vietqr;
  const returnUrl = typeof window === 'undefined' ? undefined : `${window.location.origin}/ho-so/${encodeURIComponent(code)}/thanh-toan`;
  return (
    <>
      <Breadcrumbs items={[{ to: '/ho-so', label: vi.my.title }, { to: `/ho-so/${encodeURIComponent(code)}`, label: code }, { label: vi.pay.title }]} />
      <PageHeading title={vi.pay.title}>{vi.pay.title}</PageHeading>
      {data.amount === 0 ? (
        <p>{vi.pay.nothingDue}</p>
      ) : (
        <>
          <div aria-live="polite" role="status">
            {data.paid ? (
              <div className="notice success">
                <h2 style={{ marginTop: 0 }}>{vi.pay.paid}</h2>
                <a className="button" href={`/api/v1/dossiers/${encodeURIComponent(code)}/papers/fee-receipt.pdf`}>
                  {vi.pay.receipt}
                </a>
              </div>
            ) : (
              <p className="inset">{vi.pay.waiting}</p>
            )}
          </div>
          {data.paid || !q ? (
            <SummaryList rows={[[vi.pay.amount, <strong>{formatMoney(data.amount)}</strong>]]} />
          ) : (
            <>
              <h2>{vi.pay.transferTitle}</h2>
              <SummaryList
                rows={[
                  [vi.pay.bank, <span><strong>{q.bankName}</strong>{q.bankFullName && <span className="small muted"> — {q.bankFullName}</span>}</span>],
                  [vi.pay.accountNumber, <CopyRow value={q.accountNumber} what={vi.pay.accountNumber} mono />],
                  [vi.pay.accountName, <strong>{q.accountName}</strong>],
                  [vi.pay.amount, <CopyRow value={String(data.amount)} what={vi.pay.amount} />, <span className="small muted">{formatMoney(data.amount)}</span>],
                  [vi.pay.content, <CopyRow value={data.transferNote} what={vi.pay.content} mono />],
                ]}
              />
              <p className="small">{vi.pay.contentHint}</p>
              {q.demo && <p className="notice warn small">{vi.pay.demo}</p>}

              {q.bankCode && (
                <section aria-labelledby="bank-apps-title">
                  <h2 id="bank-apps-title">{vi.pay.appsTitle}</h2>
                  <p>{vi.pay.appsLead}</p>
                  <ul className="bank-apps">
                    {BANK_APPS.map((app) => (
                      <li key={app.appId}>
                        <a href={bankAppLink(app, { accountNumber: q.accountNumber, bankCode: q.bankCode!, amount: data.amount, content: data.transferNote, accountName: q.accountName, returnUrl })} rel="noopener">
                          {vi.pay.openApp(app.name)}
                        </a>
                      </li>
                    ))}
                  </ul>
                  <p className="small">{vi.pay.appsHint}</p>
                </section>
              )}

              <section aria-labelledby="qr-title">
                <h2 id="qr-title">{vi.pay.qrTitle}</h2>
                <p>{vi.pay.scan}</p>
                <QrImage payload={q.payload} alt={vi.pay.qrAlt(data.amount, code)} fileName={`VietQR-${code}.png`} />
              </section>
            </>
          )}
        </>
      )}
      <p>
        <Link to={`/ho-so/${encodeURIComponent(code)}`}>{vi.apply.toDossier}</Link>
      </p>
    </>
  );
}

export default function PayPage() {
  const { code = '' } = useParams();
  return (
    <RequireCitizen title={vi.pay.title}>
      <Payment code={code} />
    </RequireCitizen>
  );
}
