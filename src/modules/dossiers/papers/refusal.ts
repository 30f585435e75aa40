import { drawHeader, drawParty, signerBlock } from './common.ts';
import { Paper } from './layout.ts';
import type { PaperHeader, PartyInfo, SignerInfo } from './types.ts';

/** Form 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ, with the reasons. */
export interface RefusalInput extends PaperHeader {
  dossierCode?: string;
  applicant: PartyInfo;
  request: string;
  reasons: string[];
  /** One or two signers (the receiving officer, and the head when the refusal follows appraisal). */
  signers: SignerInfo[];
}

export const REFUSAL_SUFFIX = 'PTC';

export async function renderRefusal(input: RefusalInput): Promise<Uint8Array> {
  if (!input.reasons.length) throw new RangeError('Phiếu từ chối phải nêu rõ lý do');
  const p = await Paper.create({ title: `Phiếu từ chối tiếp nhận giải quyết hồ sơ${input.dossierCode ? ` — ${input.dossierCode}` : ''}`, subject: input.request, createdAt: input.issuedAt });
  drawHeader(p, input, REFUSAL_SUFFIX);
  p.title('Phiếu từ chối tiếp nhận giải quyết hồ sơ');
  p.text(`${input.agency.name} tiếp nhận hồ sơ của:`);
  drawParty(p, input.applicant);
  p.field('Mã hồ sơ', input.dossierCode ?? 'Chưa cấp');
  p.field('Nội dung yêu cầu giải quyết', input.request, { after: 4 });
  p.text(`Qua xem xét, ${input.agency.name} từ chối tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:`, { align: 'justify' });
  for (const r of input.reasons) p.text(`- ${r}`, { x: p.left + 8, width: p.contentWidth - 8, align: 'justify' });
  p.text('Xin thông báo để Ông/Bà được biết và thực hiện./.', { after: 6 });
  p.signatures(input.signers.map((s) => signerBlock(s)));
  return p.save();
}
