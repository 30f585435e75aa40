import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { normaliseProcedure, type RawProcedure } from '../../catalog/domain/normalise/procedure.ts';
import { checkDefinition } from '../domain/check.ts';
import { applicableDocuments, sourceMatches, uploadSlots } from '../domain/documents.ts';
import { prefillAnswers } from '../domain/prefill.ts';
import type { Answers, FormChannel } from '../domain/types.ts';
import { validateAnswers, visibleFields } from '../domain/validate.ts';
import { BUILTIN_FORMS, WRITTEN_FORMS, sampleAnswers } from './index.ts';

/**
 * Every written form: sound as data, its sample valid, every document pointing at a real document of
 * the shipped catalogue, and for each form the conditions that decide which questions are asked and
 * which documents apply (each case names what it proves).
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const refDir = path.resolve(here, '../../../../reference/procedures');
const catalogue = new Map<string, { name: string; levels: string[]; documents: { name: string; section: string | null }[] }>();
for (const f of fs.readdirSync(refDir).filter((x) => x.endsWith('.jsonl')))
  for (const line of fs.readFileSync(path.join(refDir, f), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const n = normaliseProcedure(JSON.parse(line) as RawProcedure);
    if ('procedure' in n && WRITTEN_FORMS.some((w) => w.form.procedureCode === n.procedure.code)) catalogue.set(n.procedure.code, n.procedure);
  }

const today = '2026-11-20';
const form = (code: string) => BUILTIN_FORMS.get(code)!;
const docs = (code: string, answers: Answers, channel: FormChannel = 'counter') => applicableDocuments(form(code), { answers, channel }).map((d) => d.key);
const errors = (code: string, answers: Answers, channel: FormChannel = 'online') => validateAnswers(form(code), answers, { today, channel }).errors;
const errorFields = (code: string, answers: Answers) => errors(code, answers).map((e) => e.field);
const sample = (code: string, over: Answers = {}): Answers => ({ ...sampleAnswers(code)!, ...over });

describe('the twenty written forms', () => {
  it('are twenty distinct commune procedures of the catalogue', () => {
    assert.equal(WRITTEN_FORMS.length, 20);
    assert.equal(BUILTIN_FORMS.size, 20);
    for (const w of WRITTEN_FORMS) {
      const p = catalogue.get(w.form.procedureCode);
      assert.ok(p, `${w.form.procedureCode} is in the catalogue`);
      assert.ok(p.levels.includes('commune'), `${w.form.procedureCode} is received at the commune`);
    }
  });

  for (const w of WRITTEN_FORMS) {
    const code = w.form.procedureCode;
    describe(`${code} ${w.form.title}`, () => {
      const def = form(code);
      it('is a sound definition with a result model', () => {
        assert.deepEqual(checkDefinition(def), []);
        assert.ok(def.version >= 1);
        assert.ok(def.result, 'names the paper it produces');
      });
      it('accepts its sample on every channel, keeping every answer', () => {
        for (const channel of ['online', 'counter', 'post'] as const) {
          const r = validateAnswers(def, w.sample, { today, channel });
          assert.deepEqual(r.errors, [], channel);
          assert.deepEqual(Object.keys(r.answers).sort(), Object.keys(w.sample).sort(), 'the sample answers exactly the questions asked');
        }
      });
      it('refuses an empty form with one message per required question, in Vietnamese', () => {
        const e = validateAnswers(def, {}, { today }).errors;
        assert.ok(e.length > 0);
        for (const x of e) assert.match(x.message, /^(Nhập|Chọn|Đánh dấu|Cần có) /, x.message);
      });
      it('points every document at a document of the shipped catalogue', () => {
        const cat = catalogue.get(code)!.documents;
        for (const d of def.documents) {
          if (!d.source) continue;
          assert.ok(sourceMatches(d, cat).length >= 1, `${d.key}: "${d.source.text}" is in the catalogue of ${code}`);
        }
        assert.ok(def.documents.filter((d) => d.source).length >= def.documents.length - 1, 'at most one document without a catalogue source');
      });
      it('asks online for uploads of handed-in documents only, never the paper declaration', () => {
        const slots = uploadSlots(def, { answers: w.sample });
        for (const s of slots) assert.equal(s.kind, 'submit');
        assert.ok(!slots.some((s) => ['declaration', 'ct01', 'request', 'application'].includes(s.key)));
      });
    });
  }
});

describe('1.001193 birth registration', () => {
  const code = '1.001193';
  it('lists the birth certificate for a normal birth, and nothing for abandonment or surrogacy', () => {
    assert.deepEqual(docs(code, sample(code)), ['declaration', 'identity', 'residenceProof', 'birthCertificate']);
    assert.deepEqual(docs(code, sample(code), 'online'), ['residenceProof', 'birthCertificate']);
  });
  it('the abandoned-child record only for an abandoned child, whose parents are not asked', () => {
    const a = sample(code, { 'birth.case': 'abandoned', 'abandoned.foundAt': 'Cổng chùa Hùng Vương', 'abandoned.foundOn': '2026-10-03' });
    assert.deepEqual(docs(code, a), ['declaration', 'identity', 'residenceProof', 'abandonedRecord']);
    const r = validateAnswers(form(code), a, { today });
    assert.deepEqual(r.errors, []);
    assert.equal(r.answers['mother.fullName'], undefined, 'the mother section does not apply');
    assert.ok(!visibleFields(form(code), { answers: a }).some((f) => f.key.startsWith('father.')));
    assert.deepEqual(errorFields(code, { ...a, 'abandoned.foundAt': '' }), ['abandoned.foundAt']);
    assert.deepEqual(errors(code, { ...a, 'abandoned.foundOn': '2026-09-30' }), [{ field: 'abandoned.foundOn', message: 'Ngày phát hiện trẻ không được trước ngày sinh của trẻ' }]);
  });
  it('the surrogacy letter only for surrogacy', () => {
    assert.ok(docs(code, sample(code, { 'birth.surrogacy': true })).includes('surrogacyLetter'));
    assert.ok(!docs(code, sample(code)).includes('surrogacyLetter'));
  });
  it('a witness or a written commitment instead of the birth certificate', () => {
    assert.deepEqual(docs(code, sample(code, { 'birth.case': 'witness' })).slice(-1), ['witness']);
    assert.deepEqual(docs(code, sample(code, { 'birth.case': 'commitment' })).slice(-1), ['commitment']);
    assert.ok(!docs(code, sample(code, { 'birth.electronicCertificate': true })).includes('birthCertificate'), 'an electronic certificate replaces the paper');
  });
  it('the authorisation only for someone authorised; grandparents and relatives need none', () => {
    assert.ok(docs(code, sample(code, { 'applicant.role': 'proxy' })).includes('authorisation'));
    for (const role of ['mother', 'father', 'grandparent', 'relative']) assert.ok(!docs(code, sample(code, { 'applicant.role': role })).includes('authorisation'));
  });
  it("asks the father's particulars only when the father is declared", () => {
    const noFather = { ...sample(code, { 'father.known': 'no' }) };
    const r = validateAnswers(form(code), noFather, { today });
    assert.deepEqual(r.errors, []);
    assert.equal(r.answers['father.fullName'], undefined);
    assert.deepEqual(errorFields(code, { ...sample(code), 'father.fullName': '' }), ['father.fullName']);
  });
  it("checks the child's data", () => {
    assert.deepEqual(errors(code, sample(code, { 'child.fullName': '' })), [{ field: 'child.fullName', message: 'Nhập họ, chữ đệm, tên của trẻ' }]);
    assert.deepEqual(errors(code, sample(code, { 'child.birthDate': '2026-11-21' })), [{ field: 'child.birthDate', message: 'Ngày sinh của trẻ không được sau ngày hôm nay' }]);
    assert.deepEqual(errors(code, sample(code, { 'child.birthDate': '2026-02-30' })), [{ field: 'child.birthDate', message: 'Ngày sinh của trẻ phải là một ngày có thật' }]);
    assert.deepEqual(errors(code, sample(code, { 'child.sex': 'x' })), [{ field: 'child.sex', message: 'Chọn giới tính của trẻ trong danh sách' }]);
    assert.deepEqual(errors(code, sample(code, { 'mother.birthYear': '94' })), [{ field: 'mother.birthYear', message: 'Năm sinh của người mẹ phải là năm có 4 chữ số, không sau năm 2026' }]);
    assert.deepEqual(errors(code, sample(code, { declaration: false })), [{ field: 'declaration', message: 'Đánh dấu vào ô cam đoan để nộp tờ khai' }]);
  });
  it("prefills the mother's particulars when the applicant is the mother", () => {
    const person = { fullName: 'Trần Thị Hồng Nhung', idNumber: '025194001234', address: 'Phường Việt Trì' };
    const start = prefillAnswers(form(code), person);
    assert.equal(start['mother.fullName'], undefined, 'not before the relation is known');
    const mother = prefillAnswers(form(code), person, { 'applicant.role': 'mother', 'birth.case': 'certificate' });
    assert.equal(mother['mother.fullName'], 'Trần Thị Hồng Nhung');
    assert.equal(mother['mother.idNumber'], '025194001234');
    assert.equal(mother['mother.residence'], 'Phường Việt Trì');
    assert.equal(mother['father.fullName'], undefined);
    const typed = prefillAnswers(form(code), person, { 'applicant.role': 'mother', 'mother.fullName': 'Tên đã gõ' });
    assert.equal(typed['mother.fullName'], 'Tên đã gõ', 'never overwrites an answer');
  });
});

describe('the other forms', () => {
  it('1.000894 marriage: ages by law, and the note of a divorce abroad only when there was one', () => {
    const c = '1.000894';
    assert.deepEqual(errors(c, sample(c, { 'groom.birthDate': '2006-11-21' })), [{ field: 'groom.birthDate', message: 'Bên nam phải từ đủ 20 tuổi mới được đăng ký kết hôn' }]);
    assert.deepEqual(errors(c, sample(c, { 'groom.birthDate': '2006-11-20' })), []);
    assert.deepEqual(errors(c, sample(c, { 'bride.birthDate': '2008-11-21' })), [{ field: 'bride.birthDate', message: 'Bên nữ phải từ đủ 18 tuổi mới được đăng ký kết hôn' }]);
    assert.ok(docs(c, sample(c, { divorcedAbroad: true })).includes('foreignDivorce'));
    assert.ok(!docs(c, sample(c)).includes('foreignDivorce'));
    assert.equal(prefillAnswers(form(c), { fullName: 'Phạm Quốc Hưng' }, { 'applicant.role': 'groom' })['groom.fullName'], 'Phạm Quốc Hưng');
  });
  it('1.000656 death: the proof of death follows the case', () => {
    const c = '1.000656';
    assert.deepEqual(docs(c, sample(c)), ['declaration', 'identity', 'deathNotice', 'lastResidenceProof']);
    assert.deepEqual(docs(c, sample(c, { 'death.electronicNotice': true })), ['declaration', 'identity', 'lastResidenceProof']);
    assert.deepEqual(docs(c, sample(c, { 'death.proof': 'evidence', 'death.lastResidenceUnknown': true, 'applicant.role': 'proxy' })), ['declaration', 'authorisation', 'identity', 'deathEvidence', 'deathPlaceProof']);
    assert.deepEqual(errorFields(c, sample(c, { 'death.date': '1941-07-19' })), ['death.date']);
  });
  it('1.004873 marital status: the papers of a past marriage, the intended spouse, the old certificate', () => {
    const c = '1.004873';
    assert.deepEqual(errorFields(c, sample(c, { 'status.kind': 'divorced' })), ['status.paper']);
    assert.deepEqual(errorFields(c, sample(c, { 'status.kind': 'married' })), ['status.spouse']);
    assert.deepEqual(errorFields(c, sample(c, { 'purpose.kind': 'other' })), ['purpose.other']);
    assert.deepEqual(errorFields(c, sample(c, { 'partner.fullName': '' })), ['partner.fullName']);
    assert.ok(docs(c, sample(c, { reissue: true })).includes('previousCertificate'));
    assert.ok(!docs(c, sample(c)).includes('previousCertificate'));
  });
  it('1.001022 parentage: the evidence decides the document; witnesses only with a commitment', () => {
    const c = '1.001022';
    assert.ok(docs(c, sample(c)).includes('medical'));
    assert.deepEqual(errorFields(c, sample(c, { 'evidence.kind': 'commitment' })), ['evidence.witnesses']);
    const d = docs(c, sample(c, { 'evidence.kind': 'commitment', 'evidence.witnesses': 'A và B', 'applicant.role': 'proxy' }));
    assert.ok(d.includes('commitment') && d.includes('authorisation') && !d.includes('medical'));
  });
  it('1.004859 civil change: a supplement has no old value', () => {
    const c = '1.004859';
    assert.deepEqual(errors(c, sample(c, { 'change.kind': 'supplement', 'change.from': '' })), []);
    assert.deepEqual(errorFields(c, sample(c, { 'change.from': '' })), ['change.from']);
    assert.ok(docs(c, sample(c)).includes('basis'));
  });
  it('1.004884 birth re-registration: the copy when kept, the papers otherwise, the employer for officials', () => {
    const c = '1.004884';
    assert.ok(docs(c, sample(c)).includes('birthCopy') && !docs(c, sample(c)).includes('papers'));
    assert.ok(docs(c, sample(c, { 'previous.hasCopy': false })).includes('papers'));
    assert.ok(docs(c, sample(c, { 'applicant.official': true })).includes('employer'));
  });
  it('1.004772 late birth registration: the commitment and the personal papers always', () => {
    const c = '1.004772';
    const d = docs(c, sample(c));
    assert.ok(d.includes('notRegistered') && d.includes('papers') && !d.includes('employer'));
  });
  it("2.000635 copies of extracts: the spouse's name for a marriage, at least one copy", () => {
    const c = '2.000635';
    assert.deepEqual(errorFields(c, sample(c, { 'record.kind': 'marriage' })), ['spouse.fullName']);
    assert.deepEqual(errors(c, sample(c, { copies: '0' })), [{ field: 'copies', message: 'Số bản sao đề nghị cấp phải từ 1 trở lên' }]);
    assert.equal(prefillAnswers(form(c), { fullName: 'A', idNumber: '025190001234' }, { 'applicant.role': 'self' })['subject.idNumber'], '025190001234');
  });
  it('2.000815 certified copies: the copy is handed in only when the applicant brings it', () => {
    const c = '2.000815';
    assert.deepEqual(docs(c, sample(c)), ['original', 'copy']);
    assert.deepEqual(docs(c, sample(c, { 'paper.copyBy': 'office' })), ['original']);
  });
  it('2.000884 signatures: a witness when the person can neither sign nor fingerprint; a translation for a foreign text', () => {
    const c = '2.000884';
    assert.deepEqual(errorFields(c, sample(c, { 'signer.mode': 'neither' })), ['signer.witness']);
    assert.ok(docs(c, sample(c, { 'paper.foreignLanguage': true })).includes('translation'));
  });
  it('2.001035 contracts: both parties identified', () => {
    const c = '2.001035';
    assert.deepEqual(docs(c, sample(c)), ['draft', 'ownership']);
    assert.deepEqual(errorFields(c, sample(c, { 'partyB.idNumber': '123' })), ['partyB.idNumber']);
  });
  it('1.004222 permanent residence: the documents follow the basis of the home', () => {
    const c = '1.004222';
    assert.deepEqual(docs(c, sample(c), 'online'), ['home']);
    assert.deepEqual(docs(c, sample(c, { basis: 'rent' }), 'online'), ['lease', 'area']);
    assert.deepEqual(docs(c, sample(c, { basis: 'religious' }), 'online'), ['religiousHousing', 'religiousPerson']);
    assert.deepEqual(docs(c, sample(c, { basis: 'unit' }), 'counter'), ['ct01', 'unitLetter']);
    assert.deepEqual(errorFields(c, sample(c, { basis: 'family' })), ['householder.fullName', 'householder.idNumber', 'householder.relation', 'householder.consent']);
  });
  it('1.004194 temporary residence: at most 24 months; the householder for a rented home', () => {
    const c = '1.004194';
    assert.deepEqual(errorFields(c, sample(c, { 'stay.months': '25' })), ['stay.months']);
    assert.deepEqual(errorFields(c, sample(c, { 'householder.consent': false })), ['householder.consent']);
    assert.deepEqual(errors(c, sample(c, { basis: 'own' })), []);
    assert.ok(docs(c, sample(c, { basis: 'unit' })).includes('unitLetter'));
  });
  it("1.002755 extension: the owner's consent for a rented home only", () => {
    const c = '1.002755';
    assert.deepEqual(errorFields(c, sample(c, { 'owner.consent': false })), ['owner.consent']);
    assert.deepEqual(errors(c, sample(c, { basis: 'own', 'owner.consent': false })), []);
  });
  it('1.010041 residence confirmation: the history only when asked', () => {
    const c = '1.010041';
    assert.deepEqual(errorFields(c, sample(c, { content: 'history' })), ['history']);
  });
  it('1.001612 household business: the name, the members of a household', () => {
    const c = '1.001612';
    assert.deepEqual(errors(c, sample(c, { 'business.name': 'Cửa hàng Nhung' })), [{ field: 'business.name', message: 'Tên hộ kinh doanh phải bắt đầu bằng "Hộ kinh doanh" và tên riêng, ví dụ: Hộ kinh doanh Minh An' }]);
    assert.deepEqual(errorFields(c, sample(c, { 'business.founders': 'household' })), ['business.members']);
    assert.ok(docs(c, sample(c, { 'business.founders': 'household' })).includes('membersAuthorisation'));
    assert.ok(docs(c, sample(c, { 'applicant.role': 'proxy' })).includes('authorisation'));
  });
  it('2.000720 household business change: only the changes ticked are asked, with their documents', () => {
    const c = '2.000720';
    assert.deepEqual(errorFields(c, sample(c, { 'change.capital': true })), ['new.capital']);
    const owner = sample(c, { 'change.owner': true, 'ownerChange.reason': 'death', 'newOwner.fullName': 'A', 'newOwner.idNumber': '025190001235', 'newOwner.residence': 'B' });
    assert.deepEqual(errors(c, owner), []);
    assert.ok(docs(c, owner).includes('deathPaper') && !docs(c, owner).includes('newHeadAuthorisation'));
    assert.ok(docs(c, { ...owner, 'ownerChange.reason': 'authorised' }).includes('newHeadAuthorisation'));
    assert.ok(docs(c, sample(c, { 'change.members': true })).includes('newMember'));
  });
  it('1.013978 land registration: the documents follow the origin of the land', () => {
    const c = '1.013978';
    assert.deepEqual(docs(c, sample(c), 'online'), ['design', 'cadastralExtract']);
    assert.ok(docs(c, sample(c, { 'parcel.origin': 'papers' })).includes('landPapers'));
    assert.ok(docs(c, sample(c, { 'parcel.origin': 'transfer' })).includes('transferPapers'));
    assert.ok(docs(c, sample(c, { 'parcel.origin': 'inherited' })).includes('inheritance'));
    assert.ok(docs(c, sample(c, { 'parcel.coOwners': true, 'parcel.householdShared': true })).includes('coOwnersAgreement'));
    assert.deepEqual(errors(c, sample(c, { 'house.has': false, 'house.floorArea': '' })), []);
  });
  it('1.013225 building permit: the land paper the owner has; at most seven floors', () => {
    const c = '1.013225';
    assert.deepEqual(docs(c, sample(c), 'online'), ['landCertificate', 'drawings']);
    assert.deepEqual(docs(c, sample(c, { 'site.landPaper': 'other' }), 'online'), ['landPaper', 'drawings']);
    assert.deepEqual(errorFields(c, sample(c, { 'building.floors': '8' })), ['building.floors']);
  });
});

