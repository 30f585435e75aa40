import { formatPlaceDate } from './format.ts';
import type { Paper } from './layout.ts';
import type { PaperHeader, PartyInfo, SignerInfo } from './types.ts';
import type { SignatureBlock } from './layout.ts';

/** Draws the national header with "Số: <number>/<suffix>" and the place-and-date line. */
export function drawHeader(p: Paper, h: PaperHeader, suffix: string): void {
  p.nationalHeader({
    parentName: h.agency.parentName,
    agencyName: h.agency.name,
    numberText: `Số: ${h.number}/${suffix}`,
    placeDate: formatPlaceDate(h.agency.place, h.issuedAt),
  });
}

/** The identification label for a person or an organisation. */
export function idLabel(party: PartyInfo): string {
  return party.kind === 'organisation' ? 'Mã số định danh tổ chức' : 'Số định danh cá nhân';
}

/** Prints a party's name, identification number, address and contacts, one field per line. */
export function drawParty(p: Paper, party: PartyInfo, nameLabel = 'Ông/Bà (tổ chức)'): void {
  p.field(nameLabel, party.name);
  if (party.idNumber !== undefined) p.field(idLabel(party), party.idNumber);
  if (party.address !== undefined) p.field('Địa chỉ', party.address);
  if (party.phone !== undefined || party.email !== undefined) {
    p.text([
      { text: 'Số điện thoại: ', style: 'bold' },
      { text: party.phone || '…' },
      { text: '    Thư điện tử: ', style: 'bold' },
      { text: party.email || '…' },
    ]);
  }
}

/** A signer as a signature block ("KT. CHỦ TỊCH" above the title when signing on behalf). */
export function signerBlock(s: SignerInfo, note = '(Ký, ghi rõ họ tên)'): SignatureBlock {
  return { title: s.onBehalfOf ? `${s.onBehalfOf}\n${s.title}` : s.title, note, name: s.name };
}

/** Two-digit count as printed on forms: 1 → "01". */
export function count2(n: number): string {
  return String(n).padStart(2, '0');
}
