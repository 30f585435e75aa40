/**
 * QR codes printed on papers (drawn by platform/qr.ts). The receipt's QR carries the public tracking URL given by the caller; a
 * `{code}` placeholder in that URL is replaced by the dossier code (URL-encoded).
 */
export function trackingQrPayload(trackingUrl: string, dossierCode: string): string {
  let url: URL;
  try {
    url = new URL(trackingUrl.replace('{code}', encodeURIComponent(dossierCode)));
  } catch {
    throw new RangeError('Địa chỉ tra cứu hồ sơ không phải URL hợp lệ');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new RangeError('Địa chỉ tra cứu hồ sơ phải là http(s)');
  const s = url.toString();
  if (s.length > 1000) throw new RangeError('Địa chỉ tra cứu hồ sơ quá dài để in thành mã QR');
  return s;
}
