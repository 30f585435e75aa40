import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ageLimits, askedAge, Engine, type IndexRow } from './engine.ts';
import { DEFAULT_VOCABULARY, mergeVocabulary } from './vocabulary.ts';

/** A small catalogue with the shapes that matter: a common procedure, its rare variants, other levels. */
const row = (code: string, name: string, field: string, levels: IndexRow['levels'], over: Partial<IndexRow> = {}): IndexRow => ({
  code, name, field, levels, channels: ['in_person'], agency: null, extra: '', offered: true, citizens: true, ...over,
});
const ROWS: IndexRow[] = [
  row('1.001193', 'Thủ tục đăng ký khai sinh', 'Hộ tịch', ['commune']),
  row('1.004884', 'Thủ tục đăng ký lại khai sinh', 'Hộ tịch', ['commune']),
  row('1.003583', 'Thủ tục đăng ký khai sinh lưu động', 'Hộ tịch', ['commune']),
  row('1.000689', 'Thủ tục đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con', 'Hộ tịch', ['commune']),
  row('1.000656', 'Thủ tục đăng ký khai tử', 'Hộ tịch', ['commune']),
  row('1.000894', 'Thủ tục đăng ký kết hôn', 'Hộ tịch', ['commune']),
  row('1.004222', 'Đăng ký thường trú', 'Đăng ký, quản lý cư trú', ['commune']),
  row('1.014061', 'Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên', 'Cấp, quản lý căn cước', ['commune']),
  row('1.014062', 'Cấp thẻ căn cước cho người dưới 14 tuổi', 'Cấp, quản lý căn cước', ['commune']),
  row('1.014063', 'Cấp đổi thẻ căn cước', 'Cấp, quản lý căn cước', ['commune']),
  row('1.014064', 'Cấp lại thẻ căn cước', 'Cấp, quản lý căn cước', ['commune']),
  row('1.001456', 'Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp tỉnh)', 'Quản lý xuất nhập cảnh', ['province']),
  row('1.001471', 'Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp trung ương)', 'Quản lý xuất nhập cảnh', ['ministry'], { offered: false }),
  row('2.000815', 'Chứng thực bản sao từ bản chính giấy tờ, văn bản', 'Chứng thực', ['commune']),
  row('1.013978', 'Đăng ký đất đai, cấp Giấy chứng nhận quyền sử dụng đất lần đầu đối với hộ gia đình, cá nhân', 'Đất đai', ['commune']),
  row('1.012812', 'Hòa giải tranh chấp đất đai', 'Đất đai', ['commune']),
  row('9.000001', 'Cấp phép khai thác tài nguyên nước', 'Tài nguyên nước', ['province']),
  row('9.000002', 'Thủ tục cấp phép kinh doanh hàng hải', 'Hàng hải', ['ministry'], { offered: false }),
  row('9.000003', 'Thủ tục cấp phép kinh doanh dịch vụ lữ hành', 'Du lịch', ['province'], { offered: true }),
  row('1.004859', 'Thủ tục thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc', 'Hộ tịch', ['commune']),
  // a name that enumerates cases: its tail repeats words people use for other things
  row('9.000004', `Đăng ký biến động quyền sử dụng đất trong các trường hợp ${'chuyển nhượng, tặng cho, góp vốn, thuê đất, '.repeat(8)}thay đổi thông tin hộ tịch, cải chính tên của người sử dụng đất`, 'Đất đai', ['commune']),
  row('9.000005', 'Giao đất ở không thông qua đấu giá cho người nhà quân đội', 'Đất đai', ['commune']),
];
const engine = new Engine(ROWS, DEFAULT_VOCABULARY);
const top = (q: string) => engine.rank(q).items[0]?.code;

describe('assistant engine', () => {
  it('understands everyday words and abbreviations through the vocabulary', () => {
    assert.equal(top('làm giấy khai sinh cho con'), '1.001193');
    assert.equal(top('lam giay khai sinh cho con'), '1.001193');
    assert.equal(top('giấy chứng tử'), '1.000656');
    assert.equal(top('nhập hộ khẩu'), '1.004222');
    assert.equal(top('làm passport'), '1.001456');
    assert.equal(top('công chứng bản sao'), '2.000815');
    assert.equal(top('cap so do'), '1.013978');
    assert.equal(top('mat cccd'), '1.014064');
  });

  it('drops filler words, but not when unaccented they spell a catalogue word ("can cuoc")', () => {
    assert.ok(!engine.understand('tôi muốn xin làm thủ tục khai sinh như thế nào').words.includes('làm'));
    assert.ok(engine.understand('cap the can cuoc').tokens.some((t) => t.folded === 'can'));
  });

  it('prefers the common first-time procedure unless the words say otherwise', () => {
    assert.equal(top('đăng ký khai sinh'), '1.001193');
    assert.equal(top('đăng ký lại khai sinh'), '1.004884');
    assert.equal(top('khai sinh lưu động'), '1.003583');
    assert.equal(top('làm căn cước'), '1.014061');
  });

  it('prefers what this province offers at commune level over the ministry variant', () => {
    const r = engine.rank('cấp hộ chiếu phổ thông').items.map((i) => i.code);
    assert.ok(r.indexOf('1.001456') < r.indexOf('1.001471'));
  });

  it('reads both tone placements, Ð and typos alike', () => {
    assert.equal(top('hoà giải tranh chấp đất'), '1.012812');
    assert.equal(top('hòa giải tranh chấp đất'), '1.012812');
    assert.equal(top('Ðăng ký khai sinh'), '1.001193');
    assert.equal(top('dang ky khai sihn'), '1.001193');
    assert.equal(top('khaisinh'), '1.001193');
  });

  it('recognises life events', () => {
    const r = engine.rank('vợ tôi mới sinh em bé thì cần làm gì');
    assert.equal(r.items[0]?.code, '1.001193');
    assert.ok(r.understood.events.some((e) => e.id === 'birth'));
    assert.equal(engine.rank('bố tôi mới mất').items[0]?.code, '1.000656');
  });

  it('is never empty while a content word matches, and says when it is unsure', () => {
    const r = engine.rank('đăng ký');
    assert.ok(r.items.length > 0);
    assert.ok(r.confidence < 0.5);
    assert.equal(engine.rank('xin chào bạn nhé').items.length, 0);
    // only words found everywhere: never sure, even when one procedure has them all at its head
    assert.ok(engine.rank('cấp lại').confidence < 0.5);
    assert.equal(engine.rank('1.004222 phí').items[0]?.code, '1.004222');
  });

  it('applies officials\u2019 vocabulary on top of the shipped one', () => {
    const e = new Engine(ROWS, mergeVocabulary(DEFAULT_VOCABULARY, { rewrites: [{ from: ['giấy hồng'], to: 'khai sinh' }] }));
    assert.equal(e.rank('xin giấy hồng').items[0]?.code, '1.001193');
    assert.notEqual(engine.rank('xin giấy hồng').items[0]?.code, '1.001193');
  });

  it('filters by level and field', () => {
    assert.ok(engine.rank('hộ chiếu', { level: 'ministry' }).items.every((i) => i.row.levels.includes('ministry')));
    assert.ok(engine.rank('đăng ký', { field: 'ho tich', limit: 0 }).items.every((i) => i.row.field === 'Hộ tịch'));
  });

  it('reads what people type on a phone: short forms, Telex keys left as letters, swapped first letters', () => {
    const words = engine.understand('e muon lam cccd ntn vs a ko').words;
    for (const w of ['e', 'ntn', 'vs', 'ko', 'không', 'em']) assert.ok(!words.includes(w), `${w} in ${words.join(' ')}`);
    assert.equal(top('e muon lam cccd ntn z'), '1.014061');
    assert.equal(top('ddawng kys khai sinh'), '1.001193');
    assert.deepEqual(engine.understand('ddawng kys khai sinh').words, ['đăng', 'kí', 'khai', 'sinh']);
    assert.equal(top('xin jấy chứng tử'), '1.000656');
    // a word that is a word as typed is left alone ("hong" may be "hồng": never read as the short form "hông")
    assert.ok(engine.understand('hoa hong').words.includes('hong'));
    assert.ok(!engine.understand('hông').words.includes('hông'));
  });

  it('counts a word matched only outside its compound, or deep in a long name, for less', () => {
    // "hộ chiếu": a name with "hộ" only in "hộ gia đình" matches "hộ" weakly
    const r = engine.rank('hộ chiếu lần đầu', { limit: 0 }).items;
    const land = r.find((i) => i.code === '1.013978')!;
    // the same words, "hộ" not written as part of "hộ chiếu": it counts in full
    const landAlone = engine.rank('chiếu hộ lần đầu', { limit: 0 }).items.find((i) => i.code === '1.013978')!;
    assert.ok(land.score < landAlone.score, `${land.score} < ${landAlone.score}`);
    // the same words at the head of a short name win over the tail of a name that enumerates cases
    assert.equal(top('cải chính thông tin hộ tịch'), '1.004859');
  });

  it('a life event stands for its trigger words, and counts for the confidence only when its procedure comes first', () => {
    const r = engine.rank('nguoi nha qua doi can lam thu tuc gi');
    assert.equal(r.items[0]?.code, '1.000656'); // not "thông qua", "quân đội"
    assert.ok(r.understood.events.some((e) => e.id === 'death'));
  });

  it('reads "bị mất" as asking for "cấp lại", "hết hạn" or "bị hỏng" as asking for "đổi"', () => {
    assert.equal(top('thẻ căn cước bị mất'), '1.014064');
    assert.equal(top('the can cuoc bi hong'), '1.014063');
  });

  it('weighs an age said in the question against the age limit in a name', () => {
    assert.deepEqual(ageLimits('cap the can cuoc cho nguoi duoi 14 tuoi'), { under: 14, from: null });
    assert.deepEqual(ageLimits('cap the can cuoc cho nguoi tu du 14 tuoi tro len'), { under: null, from: 14 });
    assert.equal(askedAge(' cho be 5 tuoi '), 5);
    assert.equal(askedAge(' con duoi 14 tuoi '), 13);
    assert.equal(askedAge(' cho tre em '), 3);
    assert.equal(askedAge(' cap the can cuoc '), null);
    assert.equal(top('làm căn cước cho bé 5 tuổi'), '1.014062');
    assert.equal(top('cấp thẻ căn cước cho trẻ em'), '1.014062');
    assert.equal(top('lam can cuoc cho con duoi 14 tuoi'), '1.014062');
    assert.equal(top('con tôi 16 tuổi làm căn cước'), '1.014061');
  });
});
