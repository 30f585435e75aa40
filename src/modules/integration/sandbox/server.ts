import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NationalDossier } from '../adapters/dvcqg.ts';
import { nationalDossier, populationRegister, seedNationalDossiers } from './data.ts';

/**
 * Sandboxes of the national systems: small HTTP servers with realistic data, started as separate processes
 * (`lienthong sandbox dvcqg|population|ndxp`) for the demo and the tests, which reach them over real HTTP
 * through the same adapters as production. Requests must carry `Authorization: Bearer <key>`.
 * Controls for tests and demos live under /_sandbox (submit a dossier on the portal, make the next status
 * updates fail). The DVCQG sandbox also takes the province's other dossiers, pushed by their local code
 * (`POST /api/v1/dong-bo-ho-so`, read back with `GET /api/v1/dong-bo-ho-so/{MaHoSo}`; ADR 0135).
 */
export type SandboxKind = 'dvcqg' | 'population' | 'ndxp';
export const SANDBOX_KINDS: readonly SandboxKind[] = ['dvcqg', 'population', 'ndxp'];

type Handler = (req: { method: string; path: string; query: URLSearchParams; body: unknown }) => { status: number; body?: unknown };

interface PortalDossier {
  dossier: NationalDossier;
  province: string;
  localCode: string | null;
  statuses: { TrangThaiHoSo: number; KenhThucHien: number; PhienBan: number; ThoiGian: string; NgayHenTra: string | null; nhanLuc: string }[];
}

const problem = (status: number, title: string, detail: string) => ({ status, body: { type: 'about:blank', title, status, detail } });

function dvcqg(): Handler {
  const store = new Map<string, PortalDossier>();
  for (const d of seedNationalDossiers()) store.set(d.nationalId, { dossier: d, province: '25', localCode: null, statuses: [{ TrangThaiHoSo: 1, KenhThucHien: 2, PhienBan: 0, ThoiGian: d.submittedAt, NgayHenTra: null, nhanLuc: d.submittedAt }] });
  /** The province's other dossiers, pushed by their local code (MaHoSo). */
  const synced = new Map<string, { MaHoSo: string; MaTTHC: string; MaCoQuan: string | null; NgayTiepNhan: string | null; statuses: PortalDossier['statuses'] }>();
  let failNext = 0;
  let n = store.size;
  return ({ method, path, query, body }) => {
    const b = (body ?? {}) as Record<string, unknown>;
    if (method === 'GET' && path === '/api/v1/ho-so') {
      const province = query.get('tinh') ?? '';
      return { status: 200, body: { items: [...store.values()].filter((x) => x.province === province && !x.localCode).map((x) => x.dossier) } };
    }
    // a dossier of the province that the portal did not hand over (counter, post, the province's portal): by its local code
    if (method === 'POST' && path === '/api/v1/dong-bo-ho-so') {
      if (failNext > 0) {
        failNext--;
        return problem(503, 'Hệ thống bận', 'Cổng Dịch vụ công quốc gia tạm thời không nhận cập nhật; hãy gửi lại sau.');
      }
      const code = Number(b.TrangThaiHoSo);
      if (!Number.isInteger(code) || code < 1 || code > 10) return problem(422, 'Mã trạng thái không hợp lệ', 'TrangThaiHoSo phải từ 1 đến 10.');
      if (typeof b.MaHoSo !== 'string' || !b.MaHoSo || typeof b.MaTTHC !== 'string' || !b.MaTTHC) return problem(400, 'Thiếu thông tin', 'MaHoSo và MaTTHC là bắt buộc.');
      const x = synced.get(b.MaHoSo) ?? { MaHoSo: b.MaHoSo, MaTTHC: b.MaTTHC, MaCoQuan: (b.MaCoQuan as string | null) ?? null, NgayTiepNhan: null as string | null, statuses: [] as PortalDossier['statuses'] };
      const version = Number(b.PhienBan);
      if (typeof b.NgayTiepNhan === 'string') x.NgayTiepNhan = b.NgayTiepNhan;
      if (!x.statuses.some((s) => s.PhienBan === version))
        x.statuses.push({ TrangThaiHoSo: code, KenhThucHien: Number(b.KenhThucHien), PhienBan: version, ThoiGian: String(b.ThoiGian), NgayHenTra: (b.NgayHenTra as string | null) ?? null, nhanLuc: new Date().toISOString() });
      synced.set(b.MaHoSo, x);
      return { status: 200, body: { ok: true } };
    }
    const pushed = /^\/api\/v1\/dong-bo-ho-so\/([^/]+)$/.exec(path);
    if (method === 'GET' && pushed) {
      const x = synced.get(decodeURIComponent(pushed[1]!));
      return x ? { status: 200, body: { ...x, trangThai: x.statuses } } : problem(404, 'Không tìm thấy', 'Cổng chưa nhận hồ sơ này.');
    }
    let m = /^\/api\/v1\/ho-so\/([^/]+)(\/tiep-nhan|\/trang-thai)?$/.exec(path);
    if (m) {
      const x = store.get(decodeURIComponent(m[1]!));
      if (!x) return problem(404, 'Không tìm thấy', 'Không có hồ sơ này trên Cổng Dịch vụ công quốc gia.');
      if (method === 'GET' && !m[2]) return { status: 200, body: { ...x.dossier, MaHoSo: x.localCode, trangThai: x.statuses } };
      if (method === 'POST' && m[2] === '/tiep-nhan') {
        if (typeof b.MaHoSo !== 'string') return problem(400, 'Thiếu mã hồ sơ', 'MaHoSo là bắt buộc.');
        x.localCode = b.MaHoSo;
        return { status: 200, body: { ok: true } };
      }
      if (method === 'POST' && m[2] === '/trang-thai') {
        if (failNext > 0) {
          failNext--;
          return problem(503, 'Hệ thống bận', 'Cổng Dịch vụ công quốc gia tạm thời không nhận cập nhật; hãy gửi lại sau.');
        }
        const code = Number(b.TrangThaiHoSo);
        if (!Number.isInteger(code) || code < 1 || code > 10) return problem(422, 'Mã trạng thái không hợp lệ', 'TrangThaiHoSo phải từ 1 đến 10.');
        if (!x.localCode || b.MaHoSo !== x.localCode) return problem(409, 'Mã hồ sơ không khớp', 'MaHoSo không khớp hồ sơ đã tiếp nhận.');
        const version = Number(b.PhienBan);
        if (!x.statuses.some((s) => s.PhienBan === version))
          x.statuses.push({ TrangThaiHoSo: code, KenhThucHien: Number(b.KenhThucHien), PhienBan: version, ThoiGian: String(b.ThoiGian), NgayHenTra: (b.NgayHenTra as string | null) ?? null, nhanLuc: new Date().toISOString() });
        return { status: 200, body: { ok: true } };
      }
    }
    if (method === 'POST' && path === '/_sandbox/ho-so') {
      // a citizen submits on the portal: the register's person given by idNumber (default: the first), a child
      const people = populationRegister();
      const mother = people.find((p) => p.idNumber === b.idNumber) ?? people[7]!;
      const base = nationalDossier(++n, typeof b.communeCode === 'string' ? b.communeCode : '07900', mother, '0912345678', { fullName: typeof b.childName === 'string' ? b.childName : 'Nguyễn Hải Đăng', birthDate: '2026-11-20', sex: 'male' });
      const d: NationalDossier = { ...base, ...(typeof b.procedureCode === 'string' ? { procedureCode: b.procedureCode } : {}) };
      store.set(d.nationalId, { dossier: d, province: typeof b.province === 'string' ? b.province : '25', localCode: null, statuses: [{ TrangThaiHoSo: 1, KenhThucHien: 2, PhienBan: 0, ThoiGian: d.submittedAt, NgayHenTra: null, nhanLuc: d.submittedAt }] });
      return { status: 201, body: d };
    }
    if (method === 'POST' && path === '/_sandbox/loi') {
      failNext = Math.max(0, Number(b.count ?? 1));
      return { status: 200, body: { failNext } };
    }
    return problem(404, 'Không tìm thấy', `Không có đường dẫn ${method} ${path}.`);
  };
}

const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

function population(): Handler {
  const people = new Map(populationRegister().map((p) => [p.idNumber, p]));
  return ({ method, path, body }) => {
    if (method === 'POST' && path === '/api/v1/cong-dan/xac-thuc') {
      const b = (body ?? {}) as Record<string, unknown>;
      if (typeof b.SoDinhDanh !== 'string' || typeof b.HoVaTen !== 'string' || typeof b.NgaySinh !== 'string') return problem(400, 'Thiếu thông tin', 'Cần SoDinhDanh, HoVaTen, NgaySinh.');
      const p = people.get(b.SoDinhDanh);
      if (!p) return { status: 200, body: { result: 'not_found' } };
      const mismatched = [...(norm(p.fullName) !== norm(b.HoVaTen) ? ['fullName'] : []), ...(p.dateOfBirth !== b.NgaySinh ? ['dateOfBirth'] : [])];
      return { status: 200, body: mismatched.length ? { result: 'mismatch', mismatched } : { result: 'match' } };
    }
    return problem(404, 'Không tìm thấy', `Không có đường dẫn ${method} ${path}.`);
  };
}

function ndxp(): Handler {
  const nodes = new Map<string, unknown[]>();
  return ({ method, path, body }) => {
    const m = /^\/api\/v1\/nut\/(\d{2})\/du-lieu$/.exec(path);
    if (m && method === 'PUT') {
      const datasets = (body as { datasets?: unknown[] } | null)?.datasets;
      if (!Array.isArray(datasets)) return problem(400, 'Thiếu danh mục', 'Cần datasets.');
      nodes.set(m[1]!, datasets);
      return { status: 200, body: { accepted: datasets.length } };
    }
    if (m && method === 'GET') return { status: 200, body: { datasets: nodes.get(m[1]!) ?? [] } };
    return problem(404, 'Không tìm thấy', `Không có đường dẫn ${method} ${path}.`);
  };
}

export async function startSandbox(kind: SandboxKind, opts: { port: number; host?: string; key: string }): Promise<{ url: string; close: () => Promise<void> }> {
  const handle = kind === 'dvcqg' ? dvcqg() : kind === 'population' ? population() : ndxp();
  const expected = Buffer.from(`Bearer ${opts.key}`);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://sandbox');
      const send = (status: number, body?: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(body === undefined ? '' : JSON.stringify(body));
      };
      if (url.pathname === '/readyz') return send(200, { status: 'ready', kind });
      const auth = Buffer.from(req.headers.authorization ?? '');
      if (auth.length !== expected.length || !crypto.timingSafeEqual(auth, expected)) return send(401, { type: 'about:blank', title: 'Chưa xác thực', status: 401, detail: 'Thiếu hoặc sai khóa truy cập (Authorization: Bearer …).' });
      let body: unknown = null;
      try {
        body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : null;
      } catch {
        return send(400, { type: 'about:blank', title: 'JSON không hợp lệ', status: 400 });
      }
      const r = handle({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body });
      send(r.status, r.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port, opts.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://${opts.host ?? '127.0.0.1'}:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}
