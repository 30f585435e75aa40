/**
 * Citizens' feedback on the portal: "Gửi phản ánh, kiến nghị" (works on a phone, with a photo taken by the
 * camera), following one's report with its key and rating the answer, and the public list of answered
 * reports (masked by the platform).
 */
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { viFeedback as f } from '../i18n/vi-work.ts';
import { Loading, PageHeading, Pagination, ProblemNotice, SummaryList, Tag } from '../components/ui.tsx';
import { Checkbox, FileInput, Radios, Select, TextInput, Textarea } from '../components/forms.tsx';
import { ApiError, api, ok, useApi, type Answer, asApiError } from '../lib/api.ts';
import { formatDate, formatDateTime } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';
import { photoProblem } from '../lib/photo.ts';

type Sent = Answer<'/api/v1/feedback', 'post'> & { photoRefused?: string };

/** Why the chosen photo cannot be sent, read from its first bytes (null: it can). */
async function checkPhoto(file: File): Promise<string | null> {
  return photoProblem(new Uint8Array(await file.slice(0, 8).arrayBuffer()), file.name, file.size);
}

export function SendFeedbackPage() {
  const { me } = useSession();
  const cats = useApi('/api/v1/feedback-categories', {});
  // the assistant and Zalo hand over a link with what the person already said (?category=&text=&address=)
  const [given] = useSearchParams();
  const [v, setV] = useState({ category: given.get('category') ?? '', text: given.get('text') ?? '', address: given.get('address') ?? '', dossierCode: '', name: '', phone: '', email: '', textPublic: false });
  const [where, setWhere] = useState<{ lat: number; lng: number } | null>(null);
  const [whereNote, setWhereNote] = useState('');
  const [photo, setPhoto] = useState<File | null>(null);
  const [photoError, setPhotoError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<Sent | null>(null);
  const citizen = me?.kind === 'citizen';
  if (sent) {
    const link = `/phan-anh/${sent.code}?k=${sent.key}`;
    return (
      <>
        <PageHeading>{f.sent(sent.code)}</PageHeading>
        <div className="notice success" role="status">
          <p>{f.sentTo(sent.report.unit.name, formatDateTime(sent.report.answerDueAt))}</p>
          <p>{f.keepLink}</p>
          <p>
            <Link to={link} className="mono" data-testid="track-link">
              {typeof location !== 'undefined' ? `${location.origin}${link}` : link}
            </Link>
          </p>
        </div>
        {sent.photoRefused && (
          <p className="notice warn" role="alert">
            {f.photoRefused(sent.photoRefused)}
          </p>
        )}
      </>
    );
  }
  return (
    <>
      <PageHeading>{f.sendTitle}</PageHeading>
      <p>{f.sendLead}</p>
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          // a photo the platform would refuse is refused before anything is sent
          const refused = photo ? await checkPhoto(photo) : null;
          setPhotoError(refused ?? undefined);
          if (refused) {
            document.getElementById('fb-photo')?.focus();
            return;
          }
          setBusy(true);
          try {
            const contact = { name: v.name || null, phone: v.phone || null, email: v.email || null };
            const r = await ok(api.POST('/api/v1/feedback', { body: { category: v.category as never, text: v.text, textPublic: v.textPublic, address: v.address || null, lat: where?.lat ?? null, lng: where?.lng ?? null, dossierCode: v.dossierCode.trim() || null, contact } }));
            let photoRefused: string | undefined;
            if (photo) {
              const form = new FormData();
              form.set('file', photo);
              // the report is filed: a photo refused now must not hide its code and link (sending again would file it twice)
              await ok(api.POST('/api/v1/feedback/{code}/photos', { params: { path: { code: r.code }, query: { k: r.key } }, body: form as never })).catch((err: unknown) => {
                photoRefused = asApiError(err).message;
              });
            }
            setSent({ ...r, photoRefused });
          } catch (err) {
            setError(asApiError(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Select id="fb-category" label={f.category} value={v.category} onChange={(e) => setV({ ...v, category: e.target.value })} options={[{ value: '', label: 'Chọn…' }, ...(cats.data?.categories ?? []).map((c) => ({ value: c.code, label: c.label }))]} />
        <Textarea id="fb-text" label={f.text} hint={f.textHint} value={v.text} onChange={(e) => setV({ ...v, text: e.target.value })} />
        <TextInput id="fb-address" label={f.address} hint={f.addressHint} autoComplete="street-address" value={v.address} onChange={(e) => setV({ ...v, address: e.target.value })} />
        <p>
          <button
            type="button"
            className="button secondary small"
            onClick={() =>
              navigator.geolocation?.getCurrentPosition(
                (p) => {
                  setWhere({ lat: Math.round(p.coords.latitude * 1e6) / 1e6, lng: Math.round(p.coords.longitude * 1e6) / 1e6 });
                  setWhereNote(f.locationAdded);
                },
                () => setWhereNote(f.locationFailed),
                { timeout: 10_000 },
              ) ?? setWhereNote(f.locationFailed)
            }
          >
            {f.useLocation}
          </button>
          {whereNote && <span role="status"> {whereNote}</span>}
        </p>
        <TextInput id="fb-dossier" label={f.dossierCode} value={v.dossierCode} onChange={(e) => setV({ ...v, dossierCode: e.target.value })} />
        <FileInput
          id="fb-photo"
          label={f.photo}
          accept="image/jpeg,image/png"
          error={photoError}
          onFile={(file) => {
            setPhoto(file);
            setPhotoError(undefined);
            if (file) void checkPhoto(file).then((p) => setPhotoError(p ?? undefined));
          }}
        />
        <Checkbox id="fb-public" label={f.textPublic} checked={v.textPublic} onChange={(c) => setV({ ...v, textPublic: c })} />
        <fieldset className="fieldset">
          <legend>{f.contactTitle}</legend>
          {!citizen && <p className="hint">{f.contactHint}</p>}
          <TextInput id="fb-name" label={f.name} autoComplete="name" value={v.name} onChange={(e) => setV({ ...v, name: e.target.value })} />
          <TextInput id="fb-phone" label={f.phone} type="tel" inputMode="tel" autoComplete="tel" value={v.phone} onChange={(e) => setV({ ...v, phone: e.target.value })} />
          <TextInput id="fb-email" label={f.email} type="email" autoComplete="email" value={v.email} onChange={(e) => setV({ ...v, email: e.target.value })} />
        </fieldset>
        {error && <ProblemNotice error={error} />}
        <button type="submit" className="button" disabled={busy}>
          {busy ? f.sending : f.send}
        </button>
      </form>
    </>
  );
}

export function FeedbackTrackPage() {
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const k = params.get('k') ?? undefined;
  const { data: r, error, loading, reload } = useApi('/api/v1/feedback/{code}/track', { path: { code }, query: { k } }, { staleMs: 0 });
  const [rating, setRating] = useState('');
  const [rateError, setRateError] = useState<ApiError | null>(null);
  const [rated, setRated] = useState(false);
  if (error) return <ProblemNotice error={error} onRetry={reload} />;
  if (!r) return loading ? <Loading /> : null;
  return (
    <>
      <PageHeading>{`${f.follow} ${r.code}`}</PageHeading>
      <p>
        <Tag colour={r.status === 'answered' ? 'green' : 'blue'}>{r.statusLabel}</Tag>
      </p>
      <SummaryList
        rows={[
          [f.category, r.categoryLabel],
          [f.text, r.text],
          [f.unit, r.unit.name],
          [f.receivedAt, formatDateTime(r.receivedAt)],
          [f.answerDue, formatDateTime(r.answerDueAt)],
          ...(r.answer ? ([[f.answer, r.answer]] as [string, string][]) : []),
          ...(r.ratingLabel ? ([[f.rating, r.ratingLabel]] as [string, string][]) : []),
        ]}
      />
      {rated && (
        <p className="notice success" role="status">
          {f.rated}
        </p>
      )}
      {r.status === 'answered' && !r.rating && (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            if (!rating) return;
            setRateError(null);
            try {
              await ok(api.POST('/api/v1/feedback/{code}/rating', { params: { path: { code: r.code }, query: { k } }, body: { rating: rating as 'satisfied' } }));
              setRated(true);
              reload();
            } catch (err) {
              setRateError(asApiError(err));
            }
          }}
        >
          <Radios
            id="rating"
            legend={f.rateTitle}
            value={rating}
            onChange={setRating}
            options={[
              { value: 'very_satisfied', label: 'Rất hài lòng' },
              { value: 'satisfied', label: 'Hài lòng' },
              { value: 'unsatisfied', label: 'Không hài lòng' },
            ]}
          />
          {rateError && <ProblemNotice error={rateError} />}
          <button type="submit" className="button">
            {f.rateSend}
          </button>
        </form>
      )}
    </>
  );
}

export function PublicFeedbackPage() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const { data, error, loading, reload } = useApi('/api/v1/public-feedback', { query: { page, page_size: 20 } });
  return (
    <>
      <PageHeading>{f.publicTitle}</PageHeading>
      <p>{f.publicLead}</p>
      <p>
        <Link to="/phan-anh/gui" className="button">
          {f.sendTitle}
        </Link>
      </p>
      {error && <ProblemNotice error={error} onRetry={reload} />}
      {!data && loading && <Loading />}
      {data && (
        <>
          <p role="status">{f.publicCount(data.total)}</p>
          <ul className="cards">
            {data.items.map((x) => (
              <li key={x.code} className="card" data-feedback={x.code}>
                <h2>
                  {x.category} — {x.communeName ?? x.unitName}
                </h2>
                <p className="small muted">
                  {x.code} · {f.receivedAt}: {formatDate(x.receivedAt)}
                </p>
                <p>{x.text ?? <em>{f.textHidden}</em>}</p>
                <h3>
                  {f.answer} ({x.unitName}
                  {x.answeredAt ? `, ${formatDate(x.answeredAt)}` : ''})
                </h3>
                <p>{x.answer}</p>
                {x.rating && (
                  <p>
                    {f.rating}: {x.rating}
                  </p>
                )}
              </li>
            ))}
          </ul>
          <Pagination page={page} pages={Math.ceil(data.total / 20)} onPage={(p) => setParams({ page: String(p) })} />
        </>
      )}
    </>
  );
}
