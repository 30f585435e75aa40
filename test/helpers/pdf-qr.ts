import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQRModule from 'jsqr';

type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
// jsqr is a UMD bundle: under ESM its function is the default export or that export's `default`
const jsQR: JsQr = typeof jsQRModule === 'function' ? (jsQRModule as unknown as JsQr) : (jsQRModule as unknown as { default: JsQr }).default;

/** Whether poppler's pdftoppm is installed (tests that read a QR off a rendered page skip without it). */
export const HAS_PDFTOPPM = spawnSync('pdftoppm', ['-v'], { stdio: 'ignore' }).status === 0;

/**
 * Renders one page of a PDF with poppler (a real reader) and decodes the QR code on it from the pixels:
 * what a phone's camera would read off the printed page. Null when no QR code is found.
 */
export function readQrOnPage(pdf: Uint8Array, page = 1, dpi = 150): string | null {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-qr-'));
  try {
    const file = path.join(dir, 'page.pdf');
    fs.writeFileSync(file, pdf);
    const r = spawnSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), file], { maxBuffer: 128 * 1024 * 1024 });
    assert.equal(r.status, 0, String(r.stderr));
    const ppm = r.stdout as Buffer;
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'));
    assert.ok(header, 'pdftoppm writes a binary PPM');
    const [w, h] = [Number(header[1]), Number(header[2])];
    const rgb = ppm.subarray(header[0].length);
    const rgba = new Uint8ClampedArray(w * h * 4);
    for (let i = 0, j = 0; i < w * h; i++, j += 3) {
      rgba[i * 4] = rgb[j]!;
      rgba[i * 4 + 1] = rgb[j + 1]!;
      rgba[i * 4 + 2] = rgb[j + 2]!;
      rgba[i * 4 + 3] = 255;
    }
    return jsQR(rgba, w, h)?.data ?? null;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
