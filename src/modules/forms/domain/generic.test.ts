import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applicableDocuments, missingDocuments, sourceMatches, uploadSlots } from './documents.ts';
import { genericDocuments, genericForm, isConditional, isInteractiveForm, isNote, isNoteSection, isPaperDeclaration, type CatalogueEntry } from './generic.ts';

const e = (name: string, o: Partial<CatalogueEntry> = {}): CatalogueEntry => ({ name, originals: 1, copies: null, group: 'submit', section: null, ...o });

describe('the generic form from the catalogue', () => {
  it('notes are not documents', () => {
    assert.equal(isNoteSection('* Lưu ý'), true);
    assert.equal(isNoteSection('* Lưu ý '), true);
    assert.equal(isNoteSection('Ghi chú'), true);
    assert.equal(isNoteSection('* Hồ sơ đăng ký tạm trú gồm'), false, 'a starred heading of a real list is not a note');
    assert.equal(isNote(e('Người tiếp nhận có trách nhiệm tiếp nhận đúng, đủ hồ sơ', { section: '* Lưu ý' })), true);
    assert.equal(isNote(e('Trường hợp gửi hồ sơ qua hệ thống bưu chính thì phải gửi kèm theo bản sao…', { originals: 0 })), true, '0 originals and no copies');
    assert.equal(isNote(e('Lưu ý: Khi nộp hồ sơ trực tuyến, công dân khai báo theo biểu mẫu điện tử', { originals: 0 })), true);
    assert.equal(isNote(e('Người có yêu cầu đăng ký khai sinh thực hiện việc nộp các giấy tờ sau:', { originals: 0, group: null })), true);
    assert.equal(isNote(e('Giấy chứng sinh')), false);
    assert.equal(isNote(e('Bản sao văn bản ủy quyền', { originals: 0, copies: 1 })), false, 'a copy is a document');
  });

  it('recognises the cases, the online form and the paper declaration', () => {
    assert.equal(isConditional('Trường hợp trẻ em bị bỏ rơi thì phải có biên bản'), true);
    assert.equal(isConditional('- Nếu có người làm chứng'), true);
    assert.equal(isConditional('Mảnh trích đo bản đồ địa chính thửa đất (nếu có).'), true);
    assert.equal(isConditional('Giấy chứng sinh'), false);
    assert.equal(isConditional('Văn bản cử người giám hộ theo quy định của Bộ luật Dân sự đối với trường hợp đăng ký giám hộ cử.'), true);
    assert.equal(isInteractiveForm('Mẫu hộ tịch điện tử tương tác đăng ký khai sinh'), true);
    assert.equal(isPaperDeclaration('Tờ khai đăng ký khai sinh theo mẫu (nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp hoặc gửi hồ sơ qua hệ thống bưu chính)'), true);
    assert.equal(isPaperDeclaration('Tờ khai thay đổi thông tin cư trú (Mẫu CT01)'), false);
    assert.equal(isPaperDeclaration('Giấy chứng sinh (nộp trực tiếp)'), false);
  });

  it('turns the catalogue of birth registration into documents, asking for no note', () => {
    const entries = [
      e('Trường hợp trẻ em bị bỏ rơi thì phải có biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập.'),
      e('Trường hợp người yêu cầu đã nộp bản điện tử Giấy chứng sinh thì không phải nộp bản giấy.', { originals: 0 }),
      e('Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng.'),
      e('Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước…', { group: 'present' }),
      e('Cá nhân có quyền lựa chọn thực hiện thủ tục…', { originals: 0, group: null, section: '* Lưu ý' }),
      e('Tờ khai đăng ký khai sinh theo mẫu (nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp hoặc gửi hồ sơ qua hệ thống bưu chính)', { group: null }),
      e('Mẫu hộ tịch điện tử tương tác đăng ký khai sinh (do người yêu cầu cung cấp thông tin theo hướng dẫn trên Cổng dịch vụ công)', { group: null }),
    ];
    const docs = genericDocuments(entries);
    assert.deepEqual(
      docs.map((d) => [d.key, d.kind, d.required, !!d.when]),
      [
        ['doc1', 'submit', false, false],
        ['doc3', 'submit', true, false],
        ['doc4', 'present', true, false],
        ['doc6', 'submit', true, true],
      ],
    );
    const def = genericForm({ code: '1.001193', name: 'Thủ tục đăng ký khai sinh', documents: entries });
    assert.equal(def.version, 0);
    assert.deepEqual(def.sections, []);
    assert.deepEqual(uploadSlots(def, { answers: {} }).map((d) => d.key), ['doc1', 'doc3'], 'online: no paper declaration, no shown document');
    assert.deepEqual(applicableDocuments(def, { answers: {}, channel: 'counter' }).map((d) => d.key), ['doc1', 'doc3', 'doc4', 'doc6']);
    assert.deepEqual(missingDocuments(def, { answers: {}, channel: 'counter' }, ['doc3']).map((d) => d.key), ['doc4', 'doc6']);
  });

  it('finds the catalogue documents a rule points at, by text and heading', () => {
    const cat = [
      { name: 'Tờ khai thay đổi thông tin cư trú (Mẫu CT01)', section: '* Hồ sơ đăng ký tạm trú gồm' },
      { name: 'Tờ khai thay đổi thông tin cư trú (Mẫu CT01)', section: 'Đăng ký tạm trú tại nơi đơn vị đóng quân' },
    ];
    assert.equal(sourceMatches({ source: { text: 'Tờ khai thay đổi   thông tin cư trú' } }, cat).length, 2);
    assert.equal(sourceMatches({ source: { text: 'Tờ khai thay đổi thông tin cư trú', section: 'Hồ sơ đăng ký tạm trú' } }, cat).length, 1);
    assert.equal(sourceMatches({ source: { text: 'Giấy chứng sinh' } }, cat).length, 0);
    assert.equal(sourceMatches({}, cat).length, 0);
  });
});
