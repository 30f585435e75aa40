import QRCode from 'qrcode';
import { type PDFPage, rgb } from 'pdf-lib';

/**
 * A QR code drawn as vector shapes on a PDF page instead of an embedded PNG: crisp at any print size and
 * about a hundred times cheaper to make (a PNG has to be encoded, decoded again by pdf-lib and compressed
 * on save — some 0.8 s per code on this machine, which made a service center's batch of posters take
 * over a minute). Error correction M and a quiet zone of `margin` modules, as the papers' PNG codes.
 */
export function qrSvgPath(payload: string, margin = 2): { path: string; modules: number } {
  const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const dark = qr.modules.data;
  let path = '';
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!dark[row * n + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && dark[row * n + col]) col++;
      // one rectangle per run of dark modules in a row (SVG y grows downwards, as drawSvgPath expects)
      path += `M${start + margin} ${row + margin}h${col - start}v1h${start - col}z`;
    }
  }
  return { path, modules: n + 2 * margin };
}

/** Draws the QR code of `payload` with its lower-left corner at (x, y), `size` points wide, on a white square. */
export function drawQr(page: PDFPage, payload: string, at: { x: number; y: number; size: number; margin?: number }): void {
  const { path, modules } = qrSvgPath(payload, at.margin ?? 2);
  const scale = at.size / modules;
  page.drawRectangle({ x: at.x, y: at.y, width: at.size, height: at.size, color: rgb(1, 1, 1) });
  // drawSvgPath puts the path's origin at (x, y) and flips y, so the top-left of the code goes at y + size
  page.drawSvgPath(path, { x: at.x, y: at.y + at.size, scale, color: rgb(0, 0, 0), borderWidth: 0 });
}
