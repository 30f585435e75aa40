/**
 * Renders the result paper of each of the twenty written forms from its sample answers, signed with a
 * throwaway demo key (the demo PKI, in a temporary folder), into docs/samples/:
 *
 *   npx tsx scripts/forms-samples.ts            # writes docs/samples/<code>-<model>.pdf
 *   npx tsx scripts/forms-samples.ts --png      # also a PNG of the first page (needs pdftoppm)
 *
 * The same functions render and sign a real dossier's result (src/modules/dossiers/papers-map.ts).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoSigningKey, signPdf } from '../src/platform/documents/index.ts';
import { BUILTIN_FORMS, WRITTEN_FORMS } from '../src/modules/forms/definitions/index.ts';
import { RESULT_BUILDERS } from '../src/modules/forms/results/index.ts';
import { renderOfficialResult } from '../src/modules/dossiers/papers/official-result.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'docs', 'samples');
fs.mkdirSync(out, { recursive: true });
const pki = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-samples-pki-'));
const issuedAt = new Date('2026-10-20T09:30:00+07:00');
const png = process.argv.includes('--png');

const signers: Record<string, { name: string; position: string }> = {
  committee: { name: 'Hoàng Minh Tuấn', position: 'Phó Chủ tịch Ủy ban nhân dân phường' },
  police: { name: 'Lê Văn Đức', position: 'Trưởng Công an phường' },
  business: { name: 'Đào Thị Thu Hương', position: 'Trưởng phòng Kinh tế, Hạ tầng và Đô thị' },
};
const signerFor = (kind: string) => (kind.startsWith('residence') ? signers.police! : kind.startsWith('household-business') ? signers.business! : signers.committee!);

const written: string[] = [];
for (const [i, w] of WRITTEN_FORMS.entries()) {
  const def = BUILTIN_FORMS.get(w.form.procedureCode)!;
  const kind = def.result!.kind;
  const signer = signerFor(kind);
  const number = String(120 + i);
  const document = RESULT_BUILDERS[kind]!(w.sample, {
    dossierCode: `H25.61.05-261020-${String(i + 1).padStart(4, '0')}`,
    number,
    issuedOn: '2026-10-20',
    receivedOn: '2026-10-15',
    unit: { name: 'Phường Việt Trì', kind: 'commune' },
    province: { name: 'Tỉnh Phú Thọ' },
    signer,
    applicant: { fullName: 'Trần Thị Hồng Nhung', idNumber: '025194001234', address: 'Số 12 đường Hùng Vương, phường Việt Trì, tỉnh Phú Thọ' },
    procedureCode: def.procedureCode,
    procedureName: def.title,
  });
  const pdf = await renderOfficialResult({
    document,
    number,
    issuedAt,
    dossierCode: `H25.61.05-261020-${String(i + 1).padStart(4, '0')}`,
    signerName: signer.name,
    verifyUrl: 'https://dichvucong.phutho.gov.vn/tra-cuu/{code}',
    digitallySigned: true,
  });
  const key = demoSigningKey(pki, { code: '07900', name: 'Phường Việt Trì' });
  const signed = await signPdf(pdf, { p12: key.p12, passphrase: key.passphrase, reason: 'Ký số kết quả giải quyết thủ tục hành chính (MẪU)', location: 'Phường Việt Trì', name: signer.name, signingTime: issuedAt });
  const file = path.join(out, `${def.procedureCode}-${kind}.pdf`);
  fs.writeFileSync(file, signed);
  written.push(path.relative(root, file));
  if (png) execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, file.replace(/\.pdf$/, '')]);
}
fs.rmSync(pki, { recursive: true, force: true });
process.stdout.write(`${written.length} tệp:\n${written.join('\n')}\n`);
