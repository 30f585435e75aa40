import { problems } from '../../platform/errors.ts';
import { demoSigningKey, signPdf } from '../../platform/documents/index.ts';
import type { Dossier } from './domain/model.ts';
import type { ProcessDefinition } from './domain/process.ts';
import { PAPER_FORMS, type PaperForm } from './domain/papers.ts';
import { CHANNEL_INFO, RETURN_METHOD_LABELS } from './domain/states.ts';
import {
  renderApology,
  renderFeeReceipt,
  renderProcessControlSheet,
  renderReceipt,
  renderRefusal,
  renderOfficialResult,
  renderResultDocument,
  renderSupplementRequest,
  signerTitle,
  type AgencyHeader,
  type PartyInfo,
} from './papers/index.ts';
import type { UnitsPort } from './ports.ts';
import type { TransitionRow } from './store.ts';
import { NATIONAL_SYNC_ACTION } from './domain/national-sync.ts';
import type { FormOperations } from '../forms/index.ts';
import { officialResult } from './result-paper.ts';

/**
 * Maps a dossier (and its timeline) to the plain inputs of the paper renderers in ./papers, and renders
 * one form. A paper that says it is signed is signed (PAdES) with its unit's key store: the result
 * (deciding unit), the electronic fee receipt (collecting unit) and the receipt of an online dossier
 * (receiving unit). The demo generates its CA and unit certificates under DATA_DIR/pki.
 */
export { PAPER_FORMS, type PaperForm };

export const PAPER_LABELS: Record<PaperForm, string> = {
  receipt: 'Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
  'supplement-request': 'Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
  refusal: 'Mẫu 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ',
  apology: 'Mẫu 04 — Phiếu xin lỗi và hẹn lại ngày trả kết quả',
  'control-sheet': 'Mẫu 05 — Phiếu kiểm soát quá trình giải quyết hồ sơ',
  result: 'Kết quả giải quyết thủ tục hành chính (ký số)',
  'fee-receipt': 'Biên lai thu phí, lệ phí điện tử',
};

export interface PaperContext {
  /** The procedures' forms: the result paper of a procedure with a written form (absent: the generic letter). */
  forms?: FormOperations;
  units: UnitsPort;
  dataDir: string;
  trackingUrl: string;
}

const TYPE_WORDS = /^(Tỉnh|Thành phố|Xã|Phường|Đặc khu)\s+/;

async function unitName(units: UnitsPort, code: string): Promise<{ name: string; kind: string; provinceCode: string }> {
  const u = await units.resolveOrgUnit(code).catch(() => null);
  return u ? { name: u.name, kind: u.kind, provinceCode: u.provinceCode } : { name: code, kind: 'agency', provinceCode: code.slice(0, 2) };
}

const lower1 = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

/** The header of a paper issued by a service center (commune center or the province center) or a department. */
async function headerOf(units: UnitsPort, code: string, asCenter: boolean): Promise<AgencyHeader> {
  const u = await unitName(units, code);
  const province = await unitName(units, u.provinceCode);
  if (u.kind === 'commune')
    return asCenter
      ? { parentName: `UBND ${lower1(u.name)}`, name: `Trung tâm Phục vụ hành chính công ${lower1(u.name)}`, place: u.name.replace(TYPE_WORDS, '') }
      : { parentName: province.name, name: `Ủy ban nhân dân ${lower1(u.name)}`, place: u.name.replace(TYPE_WORDS, '') };
  return { parentName: `UBND ${lower1(province.name)}`, name: u.name, place: province.name.replace(TYPE_WORDS, '') };
}

function party(d: Dossier): PartyInfo {
  const a = d.applicant;
  return {
    name: a.organisation || a.fullName,
    ...(a.organisation ? { kind: 'organisation' as const, idNumber: a.taxCode ?? undefined } : { idNumber: a.idNumber ?? undefined }),
    ...(a.address ? { address: a.address } : {}),
    ...(a.phone ? { phone: a.phone } : {}),
    ...(a.email ? { email: a.email } : {}),
  };
}

function limitText(d: Dossier): string {
  const { amount, unit } = d.clock.limit;
  const n = Number.isInteger(amount) && amount < 10 ? `0${amount}` : String(amount).replace('.', ',');
  return `${n} ${{ working_days: 'ngày làm việc', days: 'ngày', hours: 'giờ làm việc', months: 'tháng' }[unit]}`;
}

const running = (code: string) => code.slice(-4);
const actorOf = (rows: TransitionRow[], ...actions: string[]) => [...rows].reverse().find((r) => actions.includes(r.action))?.actor_name ?? '';

/** Who signs the result, when, under which number. */
export interface ResultFacts {
  signedAt: Date;
  number: string;
  signerName: string;
  signerPosition: string | null;
}

/**
 * The result paper before its signature: the procedure's own paper when its form names a result model
 * (module forms), else the generic letter. The leader's preview is this function's output.
 */
export async function renderResultPdf(d: Dossier, c: PaperContext, f: ResultFacts): Promise<Uint8Array> {
  const deciding = await unitName(c.units, d.decidingUnit);
  const official = c.forms ? await officialResult(d, c.forms, f, deciding, (await unitName(c.units, deciding.provinceCode)).name) : null;
  if (official) return renderOfficialResult({ document: official, number: f.number, issuedAt: f.signedAt, dossierCode: d.code, signerName: f.signerName, verifyUrl: c.trackingUrl, digitallySigned: true });
  return renderResultDocument({
    agency: await headerOf(c.units, d.decidingUnit, false),
    number: f.number,
    symbol: 'KQ',
    issuedAt: f.signedAt,
    dossierCode: d.code,
    procedureName: d.procedureName,
    recipient: { name: d.applicant.organisation || d.applicant.fullName, idNumber: d.applicant.idNumber ?? d.applicant.taxCode ?? undefined },
    decisionText: [
      `Chấp thuận yêu cầu "${d.procedureName}" của ${d.applicant.organisation || d.applicant.fullName}, hồ sơ mã ${d.code}.`,
      ...(d.appraisal?.note ? [`Ý kiến thẩm định: ${d.appraisal.note}`] : []),
    ],
    signer: { ...signerTitle(deciding.kind === 'agency' ? 'head' : 'collective', f.signerPosition), name: f.signerName },
    verifyUrl: c.trackingUrl,
    digitallySigned: true,
  });
}

/** Signs a paper with the demo key store of `unitCode` (PAdES), at the moment the paper was issued. */
function signAs(c: PaperContext, pdf: Uint8Array, unit: { code: string; name: string }, o: { reason: string; name: string; at: Date }): Promise<Uint8Array> {
  const key = demoSigningKey(c.dataDir, unit);
  return signPdf(pdf, { p12: key.p12, passphrase: key.passphrase, reason: o.reason, location: unit.name, name: o.name || unit.name, signingTime: o.at });
}

/**
 * Renders a paper from the dossier as it stood when the paper was issued (`d`, and the timeline rows up
 * to that version). The service stores the bytes; later changes never reach an issued paper.
 */
export async function renderPaper(form: PaperForm, d: Dossier, def: ProcessDefinition, allRows: TransitionRow[], c: PaperContext): Promise<Uint8Array> {
  // the national portal's confirmations (ADR 0135) hand nothing over: the papers list the officials' steps only
  const rows = allRows.filter((r) => r.version <= d.version && r.action !== NATIONAL_SYNC_ACTION);
  const unavailable = (why: string) => problems.conflict('paper-not-available', why);
  const request = `${d.procedureName} (thủ tục ${d.procedureCode})`;
  switch (form) {
    case 'receipt': {
      if (!d.receivedAt || !d.clock.dueAt) throw unavailable('Hồ sơ chưa được tiếp nhận: chưa có giấy tiếp nhận và hẹn trả kết quả.');
      const returning = await unitName(c.units, d.returningUnit);
      const online = CHANNEL_INFO[d.channel].online;
      const receiver = actorOf(rows, 'receive', 'accept_supplement');
      const pdf = await renderReceipt({
        agency: await headerOf(c.units, d.receivingUnit, true),
        number: running(d.code),
        issuedAt: d.receivedAt,
        dossierCode: d.code,
        applicant: party(d),
        request,
        documents: d.documents.filter((x) => x.kind !== 'present').map((x) => ({ name: x.name, copies: x.copies, form: CHANNEL_INFO[d.channel].online ? 'Bản điện tử' : undefined })),
        legalTimeLimit: limitText(d),
        receivedAt: d.receivedAt,
        appointmentAt: d.clock.dueAt,
        resultDelivery: d.returnMethod === 'counter' ? returning.name : RETURN_METHOD_LABELS[d.returnMethod],
        register: { book: d.receivedAt.toISOString().slice(0, 4), entry: Number(running(d.code)) },
        receiver: { name: receiver, title: 'Người tiếp nhận' },
        trackingUrl: c.trackingUrl,
        signedElectronically: online,
      });
      if (!online) return pdf;
      const center = await unitName(c.units, d.receivingUnit);
      return signAs(c, pdf, { code: d.receivingUnit, name: center.name }, { reason: 'Ký số giấy tiếp nhận hồ sơ và hẹn trả kết quả', name: receiver, at: d.receivedAt });
    }
    case 'supplement-request': {
      const s = d.supplement;
      if (!s) throw unavailable('Hồ sơ không có yêu cầu bổ sung.');
      const who = actorOf(rows, 'request_supplement');
      return renderSupplementRequest({
        agency: await headerOf(c.units, s.phase === 'reception' ? d.receivingUnit : d.decidingUnit, s.phase === 'reception'),
        number: running(d.code),
        issuedAt: s.requestedAt,
        dossierCode: d.code,
        applicant: party(d),
        request,
        items: s.items,
        reason: s.reason,
        contact: s.contact ?? { name: who, phone: '' },
        signer: { title: s.phase === 'reception' ? 'Người tiếp nhận' : 'Người xử lý hồ sơ', name: who },
      });
    }
    case 'refusal': {
      if (d.status !== 'refused_at_reception' && d.outcome !== 'refused') throw unavailable('Hồ sơ không bị từ chối.');
      const atReception = d.status === 'refused_at_reception';
      const at = atReception ? (d.endedAt ?? d.createdAt) : (d.decidedAt ?? d.createdAt);
      return renderRefusal({
        agency: await headerOf(c.units, atReception ? d.receivingUnit : d.decidingUnit, atReception),
        number: running(d.code),
        issuedAt: at,
        dossierCode: d.code,
        applicant: party(d),
        request,
        reasons: [d.reason ?? ''],
        signers: atReception
          ? [{ title: 'Người tiếp nhận', name: actorOf(rows, 'refuse_reception') }]
          : [
              { title: 'Người xử lý hồ sơ', name: actorOf(rows, 'appraise') },
              { title: 'Thủ trưởng cơ quan', name: actorOf(rows, 'refuse') },
            ],
      });
    }
    case 'apology': {
      const a = d.apology;
      if (!a || !d.receivedAt) throw unavailable('Hồ sơ không có phiếu xin lỗi và hẹn lại.');
      const center = await unitName(c.units, d.receivingUnit);
      return renderApology({
        agency: await headerOf(c.units, d.decidingUnit, false),
        number: running(d.code),
        issuedAt: a.issuedAt,
        addressee: `Ông/Bà ${d.applicant.organisation || d.applicant.fullName}`,
        receivingCenter: center.kind === 'commune' ? `Trung tâm Phục vụ hành chính công ${lower1(center.name)}` : center.name,
        receivedAt: d.receivedAt,
        procedureName: d.procedureName,
        applicantName: d.applicant.organisation || d.applicant.fullName,
        idNumber: d.applicant.idNumber ?? d.applicant.taxCode ?? undefined,
        dossierCode: d.code,
        promisedAt: a.previousDueAt,
        reason: a.reason,
        newAppointmentAt: a.newDueAt,
        signer: { title: 'Thủ trưởng cơ quan', name: actorOf(rows, 'apologize') },
      });
    }
    case 'control-sheet': {
      if (!d.receivedAt || !d.clock.dueAt) throw unavailable('Hồ sơ chưa được tiếp nhận.');
      const names = new Map<string, string>();
      const nameOf = async (code: string) => {
        if (!names.has(code)) names.set(code, (await unitName(c.units, code)).name);
        return names.get(code)!;
      };
      const steps = [];
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        if (r.from_step === null || r.from_step === r.to_step) continue;
        const receiver = rows.slice(i + 1).find((x) => x.from_step === r.to_step);
        steps.push({
          fromUnit: await nameOf(r.from_unit ?? r.to_unit),
          fromPerson: r.actor_name,
          toUnit: await nameOf(r.to_unit),
          toPerson: receiver?.actor_name,
          at: r.at instanceof Date ? r.at : new Date(r.at),
          result: r.step_result,
          note: `${def.steps[r.from_step]?.name ?? ''}${r.note ? ` — ${r.note}` : ''}`,
        });
      }
      const coordinating = [...new Set(d.consultations.map((x) => x.unitCode))];
      return renderProcessControlSheet({
        agency: await headerOf(c.units, d.receivingUnit, true),
        number: running(d.code),
        issuedAt: d.receivedAt,
        dossierCode: d.code,
        decidingBody: await nameOf(d.decidingUnit),
        coordinatingBodies: await Promise.all(coordinating.map(nameOf)),
        receivedAt: d.receivedAt,
        appointmentAt: d.clock.dueAt,
        steps,
      });
    }
    case 'result': {
      if (d.outcome !== 'approved' || !d.result.signedAt) throw unavailable('Kết quả chưa được phê duyệt và ký.');
      const deciding = await unitName(c.units, d.decidingUnit);
      const signer = d.result.signer?.name ?? actorOf(rows, 'sign');
      const pdf = await renderResultPdf(d, c, { signedAt: d.result.signedAt, number: d.result.number ?? running(d.code), signerName: signer, signerPosition: d.result.signer?.position ?? null });
      return signAs(c, pdf, { code: d.decidingUnit, name: deciding.name }, { reason: 'Ký số kết quả giải quyết thủ tục hành chính', name: signer, at: d.result.signedAt });
    }
    case 'fee-receipt': {
      const f = d.fee;
      if (!f.paidAt) throw unavailable('Hồ sơ chưa thanh toán phí, lệ phí.');
      const collector = await unitName(c.units, d.decidingUnit);
      const pdf = await renderFeeReceipt({
        collector: { name: collector.name },
        templateCode: '01BLP0-001',
        series: `BL-${String(f.paidAt.getUTCFullYear()).slice(2)}E`,
        number: running(d.code).padStart(7, '0'),
        issuedAt: f.paidAt,
        payer: { name: d.applicant.organisation || d.applicant.fullName, idNumber: d.applicant.idNumber ?? undefined, address: d.applicant.address ?? undefined },
        dossierCode: d.code,
        items: [{ name: `Phí, lệ phí: ${d.procedureName}`, amount: f.paidAmount ?? f.amount }],
        paymentMethod: f.method === 'cash' ? 'Tiền mặt' : f.method === 'vietqr' ? 'Chuyển khoản (VietQR)' : f.method === 'post' ? 'Qua bưu chính' : 'Chuyển khoản',
        ...(f.reference ? { transactionId: f.reference } : {}),
        lookupCode: f.receiptNo ?? undefined,
      });
      // the receipt says "Biên lai điện tử, ký số": it is signed by the collecting unit
      return signAs(c, pdf, { code: d.decidingUnit, name: collector.name }, { reason: 'Ký số biên lai thu phí, lệ phí điện tử', name: collector.name, at: f.paidAt });
    }
  }
}
