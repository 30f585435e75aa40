import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseChannelTable, parseFeeCell, parseProcessingTime, splitChannelRows, takeParenthesised } from './channels.ts';

const H = 'Hình thức nộpThời gianPhí, lệ phíMô tả';

describe('parseProcessingTime', () => {
  it('reads the number and the unit', () => {
    assert.deepEqual(parseProcessingTime('7 Ngày làm việc').time, { value: 7, unit: 'working_days', text: '7 Ngày làm việc' });
    assert.deepEqual(parseProcessingTime('15 Ngày').time.unit, 'days');
    assert.deepEqual(parseProcessingTime('1.5 Giờ').time.value, 1.5);
    assert.deepEqual(parseProcessingTime('6 Tháng').time.unit, 'months');
  });
  it('never invents a unit for a bare number (1.001193 shows "1")', () => {
    const r = parseProcessingTime('1');
    assert.deepEqual(r.time, { value: 1, unit: null, text: '1' });
    assert.equal(r.issue?.kind, 'time-unit-missing');
  });
  it('keeps text that is not a time', () => {
    const r = parseProcessingTime('Không phải trả kết quả cho người nộp thuế');
    assert.equal(r.time.value, null);
    assert.equal(r.issue?.kind, 'time-not-numeric');
    assert.equal(parseProcessingTime('Không có thông tin').issue, undefined);
  });
});

describe('parseFeeCell', () => {
  it('reads free, unknown, VNĐ and foreign amounts', () => {
    assert.equal(parseFeeCell('Miễn phí').fee.status, 'free');
    assert.equal(parseFeeCell('Không có thông tin').fee.status, 'unknown');
    assert.deepEqual(parseFeeCell('20,000 Việt Nam Đồng').fee.amount_vnd, 20000);
    assert.deepEqual(parseFeeCell('150,000 VNĐ').fee.amount_vnd, 150000);
    const usd = parseFeeCell('150 USD');
    assert.equal(usd.fee.amount_vnd, null);
    assert.equal(usd.fee.amount, 150);
    assert.equal(usd.fee.currency, 'USD');
    assert.equal(usd.issue?.kind, 'fee-foreign-currency');
  });
  it('flags a rate set by the provincial People’s Council', () => {
    const f = parseFeeCell('Miễn phí', '- Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định (căn cứ quy định tại Thông tư số 85/2019/TT-BTC).');
    assert.equal(f.fee.set_by_province, true);
  });
});

describe('splitChannelRows', () => {
  it('does not split on a channel named inside a description (1.000232)', () => {
    const t = `${H}Trực tiếpKhông có thông tinKhông có thông tinnộp hồ sơ trực tiếp tại trụ sở Cục Quản lý xuất nhập cảnh.Dịch vụ bưu chínhKhông có thông tinKhông có thông tinGửi hồ sơ và nhận kết quả qua đường bưu điện.Trực tuyếnKhông có thông tinKhông có thông tinTrực tuyến: nộp hồ sơ trực tuyến qua Cổng dịch vụ công quốc gia hoặc Cổng dịch vụ công Bộ Công an.`;
    const { rows, leftover } = splitChannelRows(t);
    assert.deepEqual(rows.map((r) => r.channel), ['in_person', 'post', 'online']);
    assert.equal(leftover, '');
  });
  it('balanced parentheses for the fee note', () => {
    assert.deepEqual(takeParenthesised('(a (b) c)rest'), { inner: 'a (b) c', rest: 'rest' });
    assert.deepEqual(takeParenthesised('rest'), { inner: null, rest: 'rest' });
  });
});

describe('parseChannelTable on real rows', () => {
  it('1.001193 Đăng ký khai sinh: three channels, "1" without unit, free', () => {
    const r = parseChannelTable(`${H}Trực tuyến1Miễn phíDịch vụ bưu chính1Miễn phíTrực tiếp1Miễn phí`);
    assert.deepEqual(r.channels.value.channels, ['online', 'in_person', 'post']);
    for (const o of r.channels.value.options) {
      assert.deepEqual(o.processing_time, { value: 1, unit: null, text: '1' });
      assert.equal(o.fee.status, 'free');
    }
    assert.equal(r.processingTime.status, 'partial');
    assert.equal(r.fees.status, 'ok');
  });
  it('1.004222 Đăng ký thường trú: 10.000 đ online, 20.000 đ in person, notes kept', () => {
    const r = parseChannelTable(
      `${H}Trực tuyến7 Ngày làm việc10,000 Việt Nam Đồng(Trường hợp công dân nộp hồ sơ qua cổng dịch vụ công trực tuyến thu 10.000 đồng/lần đăng ký.)Trực tiếp7 Ngày làm việc20,000 Việt Nam Đồng(Trường hợp công dân thuộc diện được miễn phí theo quy định tại Điều 4 Thông tư số 75/2022/TT-BTC)`,
    );
    const [online, inPerson] = r.channels.value.options;
    assert.equal(online!.channel, 'online');
    assert.equal(online!.fee.amount_vnd, 10000);
    assert.match(online!.fee.description ?? '', /10\.000 đồng\/lần/);
    assert.equal(inPerson!.channel, 'in_person');
    assert.equal(inPerson!.fee.amount_vnd, 20000);
    assert.deepEqual(inPerson!.processing_time, { value: 7, unit: 'working_days', text: '7 Ngày làm việc' });
    assert.equal(r.processingTime.status, 'ok');
  });
  it('1.003213: unknown time followed by a USD fee and a description', () => {
    const r = parseChannelTable(
      `${H}Trực tuyếnKhông có thông tin150 USD(Mức lệ phí được quy đổi ra đồng tiền của nước sở tại.)Nộp cho Cơ quan đại diện của Việt Nam tại nước ngoài.`,
    );
    const o = r.channels.value.options[0]!;
    assert.equal(o.processing_time.value, null);
    assert.equal(o.fee.currency, 'USD');
    assert.equal(o.fee.description, 'Mức lệ phí được quy đổi ra đồng tiền của nước sở tại.');
    assert.equal(o.description, 'Nộp cho Cơ quan đại diện của Việt Nam tại nước ngoài.');
    assert.equal(r.processingTime.status, 'empty');
  });
  it('1.009824: a time cell of text is kept and reported', () => {
    const r = parseChannelTable(
      `${H}Trực tiếpHệ thống giải quyết thủ tục hành chính ngành Thuế thực hiện phản hồi tự động thông qua phương thức điện tử.Không có thông tinTại Trung tâm phục vụ hành chính công cấp tỉnh, xã`,
    );
    const o = r.channels.value.options[0]!;
    assert.match(o.processing_time.text, /^Hệ thống giải quyết/);
    assert.equal(o.fee.status, 'unknown');
    assert.equal(o.description, 'Tại Trung tâm phục vụ hành chính công cấp tỉnh, xã');
    assert.equal(r.processingTime.status, 'failed');
    assert.equal(r.processingTime.issues[0]!.kind, 'time-not-numeric');
  });
  it('keeps several rows of one channel (cases), 1.008709', () => {
    const r = parseChannelTable(
      `${H}Trực tiếp7 Ngày làm việcMiễn phíĐối với chuyển đổi công ty luật trách nhiệm hữu hạn và công ty luật hợp danhTrực tiếp5 Ngày làm việcMiễn phíĐối với chuyển đổi văn phòng luật sư thành công ty luật`,
    );
    assert.equal(r.channels.value.options.length, 2);
    assert.deepEqual(r.channels.value.channels, ['in_person']);
    assert.equal(r.channels.value.options[1]!.processing_time.value, 5);
    assert.equal(r.channels.value.options[1]!.description, 'Đối với chuyển đổi văn phòng luật sư thành công ty luật');
  });
});
