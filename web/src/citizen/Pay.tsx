/**
 * Paying a fee by VietQR: the QR image (drawn in the browser from the platform's NAPAS payload), the
 * amount and transfer note, and the status updating by itself when the bank confirms.
 */
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import QRCode from 'qrcode';
import { vi } from '../i18n/vi.ts';
import { Breadcrumbs, Loading, PageHeading, ProblemNotice, SummaryList } from '../components/ui.tsx';
import { useApi } from '../lib/api.ts';
import { formatMoney } from '../lib/format.ts';
import { RequireCitizen } from './RequireCitizen.tsx';

function QrImage({ payload, alt }: { payload: string; alt: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    QRCode.toDataURL(payload, { errorCorrectionLevel: 'M', margin: 2, width: 512 }).then((url) => alive && setSrc(url));
    return () => {
      alive = false;
    };
  }, [payload]);
  return <div className="qr">{src ? <img src={src} alt={alt} width={256} height={256} /> : <Loading />}</div>;
}

function Payment({ code }: { code: string }) {
  const [paid, setPaid] = useState(false);
  const { data, error, reload } = useApi('/api/v1/dossiers/{code}/payment', { path: { code } }, { staleMs: 0, pollMs: paid ? undefined : 5_000 });
  useEffect(() => {
    if (data?.paid) setPaid(true);
  }, [data?.paid]);
  if (error) return <ProblemNotice error={error} onRetry={reload} />;
  if (!data) return <Loading />;
  return (
    <>
      <Breadcrumbs items={[{ to: '/ho-so', label: vi.my.title }, { to: `/ho-so/${encodeURIComponent(code)}`, label: code }, { label: vi.pay.title }]} />
      <PageHeading title={vi.pay.title}>{vi.pay.title}</PageHeading>
      {data.amount === 0 ? (
        <p>{vi.pay.nothingDue}</p>
      ) : (
        <>
          <SummaryList
            rows={[
              [vi.pay.amount, <strong>{formatMoney(data.amount)}</strong>],
              [vi.pay.content, <span className="mono">{data.transferNote}</span>],
              ...(data.vietqr ? [[vi.pay.account, `${data.vietqr.accountName} — ${data.vietqr.accountNumber}`] as [string, string]] : []),
            ]}
          />
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
          {!data.paid && data.vietqr && (
            <>
              <p>{vi.pay.scan}</p>
              <QrImage payload={data.vietqr.payload} alt={vi.pay.qrAlt(data.amount, code)} />
              {data.vietqr.demo && <p className="small muted">{vi.pay.demo}</p>}
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
