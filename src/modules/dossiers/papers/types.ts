/**
 * Plain-data inputs shared by the paper renderers. The dossier engine maps a dossier to these; the
 * renderers never read a database. Personal data printed on papers is for the applicant: never log it.
 */

/** The issuing body as printed in the header's left column. */
export interface AgencyHeader {
  /** The body the agency belongs to, e.g. "UBND xã Tân Lạc" (printed in capitals). Optional. */
  parentName?: string;
  /** E.g. "Trung tâm Phục vụ hành chính công xã Tân Lạc" (printed in bold capitals). */
  name: string;
  /** Place printed in the date line, e.g. "Tân Lạc" → "Tân Lạc, ngày 08 tháng 10 năm 2026". */
  place: string;
}

/** A person or organisation that applies (or acts for the applicant). */
export interface PartyInfo {
  /** Full name of the person, or name of the organisation. */
  name: string;
  /** Personal identification number (12 digits) or the organisation's identification/tax code. */
  idNumber?: string;
  /** 'person' (default) prints "Số định danh cá nhân", 'organisation' prints "Mã số định danh tổ chức". */
  kind?: 'person' | 'organisation';
  address?: string;
  phone?: string;
  email?: string;
}

/** A person acting for the applicant, with the authorisation they presented. */
export interface ProxyInfo extends PartyInfo {
  /** E.g. "Giấy ủy quyền số 12/UQ ngày 01/10/2026". */
  authorisation: string;
}

/** A signer printed under a paper: the role title and the name. */
export interface SignerInfo {
  /** E.g. "Người tiếp nhận", "Giám đốc", "Chủ tịch". */
  title: string;
  name: string;
  /** Printed above the title for a signature on behalf, e.g. "KT. CHỦ TỊCH" / "TM. ỦY BAN NHÂN DÂN". */
  onBehalfOf?: string;
}

/** The common header data of a numbered paper. */
export interface PaperHeader {
  agency: AgencyHeader;
  /** The paper's number without its suffix, e.g. "125" → "Số: 125/TTPVHCC". */
  number: string;
  /** When the paper is issued (date line). */
  issuedAt: Date;
}
