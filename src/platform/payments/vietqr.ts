import QRCode from 'qrcode';
import { BanksObject, QRPay } from 'vietnam-qr-pay';

/**
 * VietQR (NAPAS, EMVCo merchant-presented mode) for fee payments by bank transfer. The payload names
 * the receiving bank (BIN) and account, the amount in đồng and a purpose text (EMVCo tag 62-08, at most
 * 25 characters) that carries the dossier code so the incoming transfer can be matched to the dossier.
 * vietnam-qr-pay counts characters, not bytes, so the purpose is stripped of diacritics first.
 */
export interface VietQrInput {
  /** The receiving bank's 6-digit NAPAS BIN, e.g. "970436" (Vietcombank). */
  bankBin: string;
  accountNumber: string;
  /** Amount in whole đồng. */
  amount: number;
  /** Free text; diacritics are removed and it must fit in 25 characters after that. */
  purpose: string;
}

export interface VietQr {
  /** The EMVCo payload string (what the QR code encodes), ending with its CRC-16. */
  payload: string;
  /** The purpose as written into the payload (ASCII). */
  purpose: string;
  /** A PNG image of the QR code as a data: URL (for <img src>). */
  pngDataUrl: string;
  /** The QR code as an SVG document. */
  svg: string;
}

export interface ParsedVietQr {
  valid: boolean;
  bankBin?: string;
  accountNumber?: string;
  amount?: number;
  purpose?: string;
  crc?: string;
}

/** EMVCo limits: tag 62-08 (purpose) up to 25 characters, tag 54 (amount) up to 13. */
export const MAX_PURPOSE_LENGTH = 25;
const MAX_AMOUNT = 9_999_999_999_999;

/** Removes Vietnamese diacritics ("Lệ phí hộ tịch" → "Le phi ho tich"; đ/Đ → d/D). */
export function stripDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/** The purpose text as banks accept it: no diacritics, only letters, digits, space, '.', '-'; single spaces. */
export function normalisePurpose(s: string): string {
  return stripDiacritics(s)
    .replace(/[^A-Za-z0-9 .-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The purpose for a dossier's fee: "<prefix> <code>" when it fits in 25 characters, else the code
 * alone, else the code without dots. Throws when even that does not fit.
 */
export function dossierPaymentPurpose(dossierCode: string, prefix = 'LT'): string {
  const code = normalisePurpose(dossierCode);
  for (const candidate of [`${normalisePurpose(prefix)} ${code}`.trim(), code, code.replace(/\./g, '')]) {
    if (candidate.length <= MAX_PURPOSE_LENGTH) return candidate;
  }
  throw new RangeError(`Mã hồ sơ quá dài để ghi vào nội dung chuyển khoản VietQR (tối đa ${MAX_PURPOSE_LENGTH} ký tự)`);
}

/** Letters and digits only, upper case: how banks that drop punctuation would still show a code. */
export function compactReference(s: string): string {
  return stripDiacritics(s).toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** True when a bank transfer's description mentions the dossier code, even if the bank dropped '.', '-' or spaces. */
export function purposeMentions(description: string, dossierCode: string): boolean {
  const code = compactReference(dossierCode);
  return code.length > 0 && compactReference(description).includes(code);
}

/**
 * VietQR's own bank codes (the `code` of https://api.vietqr.io/v2/banks, written lower case in the `ba=
 * {account}@{code}` part of a VietQR deeplink, https://www.vietqr.io/deeplink) for the banks that hold
 * public receiving accounts most often. vietnam-qr-pay's codes differ ("MBB" for VietQR's "MB"), hence
 * this table; a bank missing here gets no app links (its QR code still works).
 */
const VIETQR_CODES: Readonly<Record<string, string>> = {
  '970405': 'vba', // Agribank
  '970418': 'bidv', // BIDV
  '970436': 'vcb', // Vietcombank
  '970415': 'icb', // VietinBank
  '970422': 'mb', // MB
  '970407': 'tcb', // Techcombank
  '970416': 'acb', // ACB
  '970448': 'ocb', // OCB
  '970432': 'vpb', // VPBank
  '970423': 'tpb', // TPBank
  '970403': 'stb', // Sacombank
  '970437': 'hdb', // HDBank
  '970443': 'shb', // SHB
  '970441': 'vib', // VIB
  '970426': 'msb', // MSB
  '970431': 'eib', // Eximbank
  '970440': 'seab', // SeABank
  '970449': 'lpb', // LPBank
};

/**
 * The bank behind a NAPAS BIN: its full Vietnamese name and the name people use ("Agribank") from
 * vietnam-qr-pay's bank list, and VietQR's lower-case code for deeplinks (null when not in VIETQR_CODES).
 */
export function bankOfBin(bin: string): { name: string; shortName: string; code: string | null } | null {
  const b = Object.values(BanksObject).find((x) => x.bin === bin);
  return b ? { name: b.name, shortName: b.shortName, code: VIETQR_CODES[bin] ?? null } : null;
}

export function isKnownBankBin(bin: string): boolean {
  return Object.values(BanksObject).some((b) => b.bin === bin);
}

function validate(input: VietQrInput): string {
  if (!/^\d{6}$/.test(input.bankBin)) throw new RangeError('Mã BIN ngân hàng phải gồm 6 chữ số');
  if (!/^[A-Za-z0-9]{1,19}$/.test(input.accountNumber)) throw new RangeError('Số tài khoản chỉ gồm chữ và số, tối đa 19 ký tự');
  if (!Number.isInteger(input.amount) || input.amount <= 0 || input.amount > MAX_AMOUNT) throw new RangeError('Số tiền phải là số nguyên dương (đồng)');
  const purpose = normalisePurpose(input.purpose);
  if (!purpose) throw new RangeError('Nội dung chuyển khoản không được để trống');
  if (purpose.length > MAX_PURPOSE_LENGTH) throw new RangeError(`Nội dung chuyển khoản tối đa ${MAX_PURPOSE_LENGTH} ký tự (đang có ${purpose.length})`);
  return purpose;
}

/** The VietQR payload alone (pure, synchronous). */
export function vietQrPayload(input: VietQrInput): { payload: string; purpose: string } {
  const purpose = validate(input);
  const qr = QRPay.initVietQR({ bankBin: input.bankBin, bankNumber: input.accountNumber, amount: String(input.amount), purpose });
  return { payload: qr.build(), purpose };
}

/** Builds the VietQR payload and its images. */
export async function buildVietQr(input: VietQrInput): Promise<VietQr> {
  const { payload, purpose } = vietQrPayload(input);
  const opts = { errorCorrectionLevel: 'M' as const, margin: 2 };
  const [pngDataUrl, svg] = await Promise.all([QRCode.toDataURL(payload, { ...opts, width: 320 }), QRCode.toString(payload, { ...opts, type: 'svg' })]);
  return { payload, purpose, pngDataUrl, svg };
}

/** Parses a VietQR payload (checks its CRC). */
export function parseVietQr(payload: string): ParsedVietQr {
  const qr = new QRPay(payload);
  if (!qr.isValid) return { valid: false };
  return {
    valid: true,
    bankBin: qr.consumer?.bankBin,
    accountNumber: qr.consumer?.bankNumber,
    amount: qr.amount === undefined ? undefined : Number(qr.amount),
    purpose: qr.additionalData?.purpose,
    crc: qr.crc,
  };
}
