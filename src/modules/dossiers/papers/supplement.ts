import { drawHeader, drawParty, signerBlock } from './common.ts';
import { Paper } from './layout.ts';
import type { PaperHeader, PartyInfo, SignerInfo } from './types.ts';

/** Form 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ. Every missing item is listed once, together. */
export interface SupplementRequestInput extends PaperHeader {
  /** Present when the dossier already has a code (supplement after appraisal). */
  dossierCode?: string;
  applicant: PartyInfo;
  request: string;
  /** The items to add or complete, each printed as a numbered line. */
  items: string[];
  reason: string;
  /** Whom to contact for guidance. */
  contact: { name: string; phone: string };
  signer: SignerInfo;
}

export const SUPPLEMENT_SUFFIX = 'PBS';

export async function renderSupplementRequest(input: SupplementRequestInput): Promise<Uint8Array> {
  if (!input.items.length) throw new RangeError('Phiếu yêu cầu bổ sung phải liệt kê ít nhất một nội dung cần bổ sung');
  const p = await Paper.create({ title: `Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ${input.dossierCode ? ` — ${input.dossierCode}` : ''}`, subject: input.request, createdAt: input.issuedAt });
  drawHeader(p, input, SUPPLEMENT_SUFFIX);
  p.title('Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ');
  if (input.dossierCode) p.text([{ text: 'Mã hồ sơ: ', style: 'bold' }, { text: input.dossierCode, style: 'bold' }], { align: 'center', after: 6 });
  p.text('Hồ sơ của:');
  drawParty(p, input.applicant);
  p.field('Nội dung yêu cầu giải quyết', input.request, { after: 4 });
  p.text('Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:', { style: 'bold' });
  input.items.forEach((item, i) => p.text(`${i + 1}. ${item}`, { indent: 0, x: p.left + 8, width: p.contentWidth - 8 }));
  p.gap(2);
  p.field('Lý do', input.reason, { align: 'justify' });
  p.text(
    `Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ với ${input.contact.name}, số điện thoại ${input.contact.phone} để được hướng dẫn./.`,
    { align: 'justify', after: 6 },
  );
  p.signatures([signerBlock(input.signer)], { leftOffset: p.contentWidth / 2 });
  return p.save();
}
