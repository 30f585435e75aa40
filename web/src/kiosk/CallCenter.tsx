/**
 * The hotline operator's page (/tong-dai): the same engine as the citizens (the assistant panel), the
 * caller's dossier by code (the public tracking view), and a one-click log of the call — when the caller
 * reports a problem, the same click files the feedback report (channel "phone") with the caller's contact.
 */
import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router';
import { api, useApi } from '../lib/api.ts';
import { va } from '../i18n/assistant.ts';

const ChatPanel = lazy(() => import('../components/ChatPanel.tsx'));
const TOPICS = [
  { value: 'procedure', label: 'Hỏi thủ tục' },
  { value: 'dossier', label: 'Hỏi tình trạng hồ sơ' },
  { value: 'complaint', label: 'Phản ánh, kiến nghị' },
  { value: 'other', label: 'Khác' },
] as const;

export default function CallCenterPage() {
  const [code, setCode] = useState('');
  const [dossier, setDossier] = useState<{ code: string; statusLabel: string; procedureName: string; dueAt: string | null } | null>(null);
  const [lookup, setLookup] = useState('');
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState('');
  const cats = useApi('/api/v1/feedback-categories', {});
  const [fb, setFb] = useState({ category: '', address: '', name: '', phone: '' });

  async function find(e: React.FormEvent) {
    e.preventDefault();
    setDossier(null);
    const c = code.trim().toUpperCase();
    const { data, error } = await api.GET('/api/v1/track/{code}', { params: { path: { code: c } } });
    if (error || !data) setLookup(`Không tìm thấy hồ sơ ${c}.`);
    else {
      setLookup('');
      setDossier(data);
    }
  }

  async function log(topic: (typeof TOPICS)[number]['value']) {
    const { data, error } = await api.POST('/api/v1/assistant/calls', { body: { topic, dossier_code: dossier?.code ?? null, note: note.trim() || null } });
    if (error || !data) setSaved(error?.status === 401 ? 'Cần đăng nhập tài khoản cán bộ để ghi cuộc gọi.' : 'Chưa ghi được cuộc gọi.');
    else {
      setSaved(`Đã ghi cuộc gọi số ${data.id}.`);
      setNote('');
    }
  }

  /** The caller reports a problem: the call is logged and the report filed in one request (the note is its text). */
  async function logFeedback(e: React.FormEvent) {
    e.preventDefault();
    const text = note.trim();
    if (!fb.category || text.length < 10 || !fb.phone.trim()) {
      setSaved('Cần chọn lĩnh vực, ghi nội dung phản ánh (ô ghi chú, ít nhất 10 ký tự) và số điện thoại người gọi.');
      return;
    }
    const feedback = { category: fb.category, text, address: fb.address.trim() || null, contact: { name: fb.name.trim() || null, phone: fb.phone.trim() } };
    const { data, error } = await api.POST('/api/v1/assistant/calls', { body: { topic: 'complaint', dossier_code: dossier?.code ?? null, note: text, feedback } });
    if (error || !data?.feedback) setSaved(error?.status === 401 ? 'Cần đăng nhập tài khoản cán bộ để ghi cuộc gọi.' : `Chưa tạo được phản ánh${(error as { detail?: string } | undefined)?.detail ? `: ${(error as { detail?: string }).detail}` : '.'}`);
    else {
      setSaved(`Đã ghi cuộc gọi số ${data.id} và tạo phản ánh ${data.feedback.code}, chuyển tới ${data.feedback.unitName}. Người gọi nhận tin nhắn kèm đường dẫn theo dõi.`);
      setNote('');
      setFb({ category: '', address: '', name: '', phone: '' });
    }
  }

  return (
    <main className="kiosk" id="main-content">
      <h1>Tổng đài hỗ trợ thủ tục hành chính</h1>
      <p>
        <Link to="/can-bo">Về trang cán bộ</Link>
      </p>
      <section aria-labelledby="cc-dossier">
        <h2 id="cc-dossier">Hồ sơ của người gọi</h2>
        <form className="kiosk-search" onSubmit={find}>
          <label htmlFor="cc-code" className="visually-hidden">Mã hồ sơ</label>
          <input id="cc-code" value={code} onChange={(e) => setCode(e.target.value)} placeholder="Mã hồ sơ, ví dụ H25.01-261125-0001" autoComplete="off" />
          <button type="submit" className="kiosk-big">Tra cứu</button>
        </form>
        {lookup && <p role="status">{lookup}</p>}
        {dossier && (
          <p role="status">
            <strong>{dossier.code}</strong> — {dossier.procedureName}: {dossier.statusLabel}
            {dossier.dueAt ? ` (hẹn trả ${new Date(dossier.dueAt).toLocaleDateString('vi-VN')})` : ''}
          </p>
        )}
      </section>
      <section aria-labelledby="cc-log">
        <h2 id="cc-log">Ghi cuộc gọi</h2>
        <label htmlFor="cc-note">Ghi chú (không bắt buộc)</label>
        <textarea id="cc-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} rows={2} style={{ width: '100%', fontSize: '1.1rem' }} />
        <div className="kiosk-row">
          {TOPICS.map((t) => (
            <button type="button" key={t.value} onClick={() => log(t.value)}>
              {t.label}
            </button>
          ))}
        </div>
        <form aria-labelledby="cc-feedback" onSubmit={logFeedback}>
          <h3 id="cc-feedback">Người gọi phản ánh một vấn đề</h3>
          <p>Nội dung phản ánh là ô ghi chú ở trên.</p>
          <label htmlFor="cc-fb-category">Lĩnh vực</label>
          <select id="cc-fb-category" value={fb.category} onChange={(e) => setFb({ ...fb, category: e.target.value })}>
            <option value="">Chọn…</option>
            {(cats.data?.categories ?? []).map((c) => (
              <option key={c.code} value={c.code}>
                {c.label}
              </option>
            ))}
          </select>
          <label htmlFor="cc-fb-address">Nơi xảy ra (địa chỉ, xã, phường)</label>
          <input id="cc-fb-address" value={fb.address} onChange={(e) => setFb({ ...fb, address: e.target.value })} autoComplete="off" />
          <label htmlFor="cc-fb-name">Họ tên người gọi (không bắt buộc)</label>
          <input id="cc-fb-name" value={fb.name} onChange={(e) => setFb({ ...fb, name: e.target.value })} autoComplete="off" />
          <label htmlFor="cc-fb-phone">Số điện thoại người gọi</label>
          <input id="cc-fb-phone" type="tel" inputMode="tel" value={fb.phone} onChange={(e) => setFb({ ...fb, phone: e.target.value })} autoComplete="off" />
          <div className="kiosk-row">
            <button type="submit">Ghi cuộc gọi và tạo phản ánh</button>
          </div>
        </form>
        {saved && <p role="status">{saved}</p>}
      </section>
      <section aria-label={va.title}>
        <Suspense fallback={<p>{va.thinking}</p>}>
          <ChatPanel large channel="callcenter" />
        </Suspense>
      </section>
    </main>
  );
}
