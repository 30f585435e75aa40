import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerErrors, answerText, documentsByCase, documentsFor, fieldId, holds, initialAnswers, normaliseDates, prefill, readsAnswers, shownAnswers, visibleSections, type FormView } from '../web/src/api/forms.ts';
import { BUILTIN_FORMS, sampleAnswers } from '../src/modules/forms/definitions/index.ts';
import { applicableDocuments } from '../src/modules/forms/domain/documents.ts';
import { holds as serverHolds } from '../src/modules/forms/domain/conditions.ts';
import { visibleFields } from '../src/modules/forms/domain/validate.ts';

/**
 * The web decides what to show with its own copy of the conditions (web/src/api/forms.ts); the server
 * decides what is valid. These tests hold the two to the same answers on every written form and sample.
 */
const birth = BUILTIN_FORMS.get('1.001193')! as unknown as FormView;

describe('the web form helpers', () => {
  it('show the same questions and documents as the platform, on every written form', () => {
    for (const [code, def] of BUILTIN_FORMS) {
      const sample = sampleAnswers(code)!;
      const variants = [sample, {}, { ...sample, 'applicant.role': 'proxy' }, { ...sample, 'birth.case': 'abandoned' }, { ...sample, basis: 'rent' }];
      for (const a of variants)
        for (const channel of ['online', 'counter', 'post'] as const) {
          const web = visibleSections(def as unknown as FormView, a, channel).flatMap((s) => s.fields.map((f) => f.key));
          assert.deepEqual(web, visibleFields(def, { answers: a, channel }).map((f) => f.key), `${code} fields`);
          assert.deepEqual(documentsFor(def as unknown as FormView, a, channel).map((d) => d.key), applicableDocuments(def, { answers: a, channel }).map((d) => d.key), `${code} documents`);
          for (const d of def.documents) if (d.when) assert.equal(holds(d.when as never, a, channel), serverHolds(d.when, { answers: a, channel }));
        }
    }
  });

  it('starts a form with defaults and what is known, prefilling as the answers change', () => {
    const a = initialAnswers(birth, { fullName: 'Trần Thị Hồng Nhung', idNumber: '025194001234' }, 'online');
    assert.equal(a['child.nationality'], 'Việt Nam');
    assert.equal(a['child.ethnicity'], 'Kinh');
    assert.equal(a['mother.fullName'], undefined);
    const b = prefill(birth, { fullName: 'Trần Thị Hồng Nhung' }, { ...a, 'applicant.role': 'mother' }, 'online');
    assert.equal(b['mother.fullName'], 'Trần Thị Hồng Nhung');
  });

  it('sends only the answers to questions shown, dates as YYYY-MM-DD', () => {
    const typed = normaliseDates(birth, { 'child.birthDate': '2026-3-7', 'abandoned.foundOn': '2026-3-8', 'birth.case': 'certificate', 'mother.birthYear': '1994' });
    assert.equal(typed['child.birthDate'], '2026-03-07');
    assert.deepEqual(shownAnswers(birth, typed, 'online'), { 'child.birthDate': '2026-03-07', 'birth.case': 'certificate', 'mother.birthYear': '1994' });
    assert.equal(normaliseDates(birth, { 'child.birthDate': '2026--7' })['child.birthDate'], '2026--7', 'an incomplete date is left for the server to name');
    assert.equal(normaliseDates(birth, { 'child.birthDate': '--' })['child.birthDate'], undefined);
  });

  it('lists at the counter, before any answer, the documents of everyone and those of some cases', () => {
    const g = documentsByCase(birth, 'counter');
    assert.deepEqual(g.always.map((d) => d.key), ['declaration', 'identity', 'residenceProof']);
    assert.deepEqual(g.someCases.map((d) => d.key), ['authorisation', 'birthCertificate', 'witness', 'commitment', 'abandonedRecord', 'surrogacyLetter']);
    assert.equal(readsAnswers({ channel: ['counter'] }), false);
    assert.equal(readsAnswers({ all: [{ channel: ['counter'] }, { field: 'x', equals: 'y' }] }), true);
    assert.deepEqual(documentsByCase(birth, 'online').always.map((d) => d.key), ['residenceProof']);
  });

  it('puts the server messages beside their fields and reads answers back', () => {
    assert.deepEqual(answerErrors([{ path: 'answers.child.fullName', message: 'Nhập họ' }, { path: 'body.x', message: 'y' }]), [{ field: 'f-child-fullName', message: 'Nhập họ' }]);
    assert.equal(fieldId('mother.birthYear'), 'f-mother-birthYear');
    const f = birth.sections.flatMap((s) => s.fields);
    assert.equal(answerText(f.find((x) => x.key === 'child.sex')!, 'female'), 'Nữ');
    assert.equal(answerText(f.find((x) => x.key === 'child.birthDate')!, '2026-10-02'), '02/10/2026');
    assert.equal(answerText(f.find((x) => x.key === 'birth.surrogacy')!, false), 'Không');
    assert.equal(answerText(f.find((x) => x.key === 'child.fullName')!, undefined), '—');
  });
});
