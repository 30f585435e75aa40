import { amountInWords, formatDateTimeShort, formatDateWords, formatMoney } from './format.ts';
import { Paper } from './layout.ts';

/** One fee or charge on the receipt. */
export interface FeeLine {
  /** E.g. "Lệ phí đăng ký khai sinh", "Phí cấp bản sao trích lục". */
  name: string;
  /** Amount in whole đồng. */
  amount: number;
}

/** Biên lai thu phí, lệ phí điện tử (electronic fee receipt). */
export interface FeeReceiptInput {
  /** The body that collects the fee. */
  collector: { name: string; taxCode?: string; address?: string };
  /** Receipt template code ("Mẫu số"), e.g. "01BLP0-001". */
  templateCode: string;
  /** Receipt series ("Ký hiệu"), e.g. "BL-26E". */
  series: string;
  /** Receipt number ("Số"), e.g. "0000125". */
  number: string;
  issuedAt: Date;
  payer: { name: string; idNumber?: string; address?: string };
  dossierCode: string;
  items: FeeLine[];
  /** E.g. "Chuyển khoản (VietQR)", "Tiền mặt". */
  paymentMethod: string;
  /** The bank or payment gateway transaction id, when paid electronically. */
  transactionId?: string;
  /** Code to look the receipt up, when the collector offers it. */
  lookupCode?: string;
  /** The officer who collected the fee (omitted for automatic electronic receipts). */
  collectorOfficer?: string;
}

export async function renderFeeReceipt(input: FeeReceiptInput): Promise<Uint8Array> {
  if (!input.items.length) throw new RangeError('Biên lai phải có ít nhất một khoản phí, lệ phí');
  for (const i of input.items) if (!Number.isInteger(i.amount) || i.amount < 0) throw new RangeError('Số tiền phải là số nguyên không âm');
  const total = input.items.reduce((s, i) => s + i.amount, 0);
  const p = await Paper.create({ title: `Biên lai thu phí, lệ phí điện tử — ${input.series} ${input.number}`, subject: input.dossierCode, createdAt: input.issuedAt });
  const top = p.cursor;
  const leftW = p.contentWidth * 0.6;
  let lh = p.textAt(input.collector.name.toUpperCase(), top, { width: leftW, style: 'bold' });
  if (input.collector.taxCode) lh += p.textAt(`Mã số thuế: ${input.collector.taxCode}`, top + lh, { width: leftW });
  if (input.collector.address) lh += p.textAt(`Địa chỉ: ${input.collector.address}`, top + lh, { width: leftW });
  const rx = p.left + leftW + 6;
  const rw = p.contentWidth - leftW - 6;
  let rh = p.textAt(`Mẫu số: ${input.templateCode}`, top, { x: rx, width: rw });
  rh += p.textAt(`Ký hiệu: ${input.series}`, top + rh, { x: rx, width: rw });
  rh += p.textAt([{ text: 'Số: ', style: 'bold' }, { text: input.number, style: 'bold' }], top + rh, { x: rx, width: rw });
  p.cursor = top + Math.max(lh, rh) + 10;

  p.title('Biên lai thu phí, lệ phí', '(Biên lai điện tử)');
  p.text(capitalise(formatDateWords(input.issuedAt)), { align: 'center', style: 'italic', after: 6 });
  p.field('Tên người nộp', input.payer.name);
  if (input.payer.idNumber) p.field('Số định danh cá nhân/Mã số thuế', input.payer.idNumber);
  if (input.payer.address) p.field('Địa chỉ', input.payer.address);
  p.field('Mã hồ sơ', input.dossierCode, { after: 4 });
  p.table(
    [
      { header: 'STT', width: 0.8, align: 'center' },
      { header: 'Tên loại phí, lệ phí', width: 6 },
      { header: 'Số tiền', width: 2.4, align: 'right' },
    ],
    [...input.items.map((it, i) => [String(i + 1), it.name, formatMoney(it.amount)]), ['', 'Tổng cộng', formatMoney(total)]],
  );
  p.field('Số tiền bằng chữ', amountInWords(total));
  p.field('Hình thức thanh toán', input.paymentMethod);
  if (input.transactionId) p.field('Mã giao dịch', input.transactionId);
  p.field('Thời điểm thu', formatDateTimeShort(input.issuedAt), { after: 6 });
  p.signatures([
    { title: 'Người nộp tiền', note: '(Ký, ghi rõ họ tên)', name: input.payer.name },
    { title: 'Người thu tiền', note: input.collectorOfficer ? '(Ký, ghi rõ họ tên)' : '(Biên lai điện tử, ký số)', name: input.collectorOfficer ?? input.collector.name },
  ], { gapForSignature: 28 });
  if (input.lookupCode) p.text(`Mã tra cứu biên lai: ${input.lookupCode}`, { align: 'center', size: p.size - 1, style: 'italic' });
  return p.save();
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
