/**
 * The assistant's vocabulary, as data: how citizens say things → how the catalogue says them. This file is
 * the shipped default; officials add entries in the back office (table assistant.vocabulary_entry), which
 * are merged on top (`mergeVocabulary`). Everything is written with diacritics; matching accepts the same
 * words typed without them (and prefers the accented reading when the writer used accents).
 */

export interface Rewrite {
  /** Phrases as people say them (any case; with diacritics when the phrase has them). */
  from: string[];
  /** The catalogue's words that replace them. */
  to: string;
}

export interface LifeEvent {
  id: string;
  /** Shown to people ("Sinh con"). */
  name: string;
  /** Phrases that signal the event. */
  triggers: string[];
  /** The procedures of the event, most common first: boosted when the event is recognised, and listed as related. */
  procedures: string[];
}

export interface VariantMarker {
  /** Words in a procedure name that mark a rarer variant of a common procedure. */
  words: string;
  /** How much is taken off the score when the question does not say these words. */
  penalty: number;
  /** Words that ask for this variant without naming it ("bị mất" asks for "cấp lại"): a small boost instead. */
  impliedBy?: string[];
}

export interface VocabularyData {
  /**
   * Short forms typed on a phone keyboard ("ko", "j", "bn", "ntn", "đc", "mk"), read as the words they stand
   * for before anything else, so that those words then count as fillers, property words or parts of phrases.
   * Only forms that stand for one thing; each "from" is one word, matched exactly as written (so "hông" is
   * read as "không" but "hong", which may be "hồng", is not).
   */
  shorthands: Rewrite[];
  rewrites: Rewrite[];
  /** Words that carry no meaning for finding a procedure ("làm", "xin", "thủ tục", …). */
  fillers: string[];
  /** Words that say little on their own (people: "con", "bố", "vợ"): counted at a third of their weight. */
  weak: string[];
  lifeEvents: LifeEvent[];
  variants: VariantMarker[];
  /**
   * The procedures citizens request most (high-volume commune and province procedures), most common first:
   * a small prior that breaks near-ties towards what people usually need.
   */
  common: string[];
}

export const DEFAULT_VOCABULARY: VocabularyData = {
  shorthands: [
    { from: ['ko', 'k', 'kh', 'hok', 'khum', 'khg', 'hông'], to: 'không' },
    { from: ['j', 'ji'], to: 'gì' },
    { from: ['bn', 'bnh', 'bnhiu', 'bnhieu', 'nhiu'], to: 'bao nhiêu' },
    { from: ['ntn', 'ntnao'], to: 'như thế nào' },
    { from: ['dc', 'đc', 'đươc'], to: 'được' },
    { from: ['vs'], to: 'với' },
    { from: ['mk', 'mik', 'mjk', 'mh'], to: 'mình' },
    { from: ['e'], to: 'em' },
    { from: ['c'], to: 'chị' },
    { from: ['tui', 't'], to: 'tôi' },
    { from: ['r'], to: 'rồi' },
    { from: ['z', 'v', 'zậy', 'dzậy'], to: 'vậy' },
    { from: ['ms'], to: 'mới' },
    { from: ['lm'], to: 'làm' },
    { from: ['ng'], to: 'người' },
    { from: ['bh', 'bjo', 'bgio'], to: 'bây giờ' },
    { from: ['hs'], to: 'hồ sơ' },
    { from: ['ak', 'ah', 'ạk'], to: 'ạ' },
    { from: ['mn', 'mng'], to: 'mọi người' },
    { from: ['sdt', 'sđt'], to: 'số điện thoại' },
    { from: ['onl'], to: 'online' },
  ],
  rewrites: [
    // identity papers
    { from: ['cccd', 'căn cước công dân', 'thẻ căn cước công dân', 'thẻ cccd', 'chứng minh thư', 'cmt', 'cmnd', 'chứng minh nhân dân', 'thẻ chứng minh'], to: 'thẻ căn cước' },
    { from: ['cccd hết hạn', 'căn cước hết hạn', 'thẻ căn cước hết hạn', 'cmnd hết hạn', 'chứng minh thư hết hạn', 'cccd bị hỏng', 'căn cước bị hỏng', 'cccd hỏng', 'đổi cmnd sang căn cước', 'đổi cmnd', 'đổi chứng minh thư'], to: 'cấp đổi thẻ căn cước' },
    { from: ['đánh rơi cccd', 'đánh mất cccd', 'đánh rơi căn cước', 'đánh mất căn cước', 'thất lạc căn cước', 'thất lạc cccd', 'mất căn cước', 'mất cccd', 'mất thẻ căn cước', 'mất cmnd', 'làm lại cccd'], to: 'cấp lại thẻ căn cước' },
    { from: ['xác nhận cmnd', 'xác nhận số cmnd', 'xác nhận chứng minh nhân dân', 'giấy xác nhận cmnd', 'xác nhận số chứng minh'], to: 'xác nhận số chứng minh nhân dân' },
    { from: ['vneid', 'định danh điện tử mức 2', 'định danh mức 2', 'tài khoản định danh', 'định danh điện tử'], to: 'tài khoản định danh điện tử' },
    { from: ['passport', 'hộ chiếu phổ thông', 'pasport', 'pass port'], to: 'hộ chiếu' },
    { from: ['hộ chiếu hết hạn', 'passport hết hạn', 'làm lại hộ chiếu hết hạn'], to: 'cấp hộ chiếu phổ thông' },
    { from: ['mất hộ chiếu', 'mất passport', 'đánh rơi hộ chiếu', 'thất lạc hộ chiếu', 'báo mất hộ chiếu'], to: 'trình báo mất hộ chiếu phổ thông' },
    // residence
    { from: ['hộ khẩu', 'sổ hộ khẩu', 'nhập hộ khẩu', 'chuyển khẩu', 'chuyển hộ khẩu', 'đăng ký hộ khẩu', 'nhập khẩu cho con', 'nhập khẩu cho vợ', 'nhập khẩu cho chồng', 'nhập khẩu về nhà', 'nhập hk', 'chuyển hk', 'sổ hk', 'đk hk'], to: 'đăng ký thường trú' },
    { from: ['cắt khẩu', 'cắt hộ khẩu', 'xóa hộ khẩu', 'xoá khẩu', 'xóa khẩu', 'cắt hk', 'xóa hk'], to: 'xóa đăng ký thường trú' },
    { from: ['tách hộ', 'tách khẩu', 'tách sổ hộ khẩu', 'tách hộ khẩu', 'tách hk', 'tách hộ riêng', 'ra ở riêng'], to: 'tách hộ' },
    { from: ['ct07', 'ct 07', 'giấy xác nhận cư trú', 'xác nhận cư trú', 'mẫu ct07', 'xnct', 'giấy xnct', 'xác nhận nơi cư trú'], to: 'xác nhận thông tin về cư trú' },
    { from: ['sổ tạm trú', 'đăng ký tạm trú', 'kt3', 'làm tạm trú'], to: 'đăng ký tạm trú' },
    { from: ['tạm trú hết hạn', 'tạm trú sắp hết hạn', 'hết hạn tạm trú', 'gia hạn sổ tạm trú'], to: 'gia hạn tạm trú' },
    { from: ['báo tạm vắng', 'khai tạm vắng', 'đi vắng'], to: 'khai báo tạm vắng' },
    { from: ['khai báo lưu trú', 'báo lưu trú', 'khách ở lại', 'ngủ lại'], to: 'thông báo lưu trú' },
    // civil status
    { from: ['giấy khai sinh', 'làm giấy khai sinh', 'làm khai sinh', 'khai sinh cho con', 'khai sinh cho bé', 'khai sinh cho cháu', 'gks', 'giấy ks', 'đkks', 'đk ks'], to: 'đăng ký khai sinh' },
    { from: ['giấy chứng tử', 'chứng tử', 'báo tử', 'giấy báo tử', 'khai tử cho', 'làm khai tử'], to: 'đăng ký khai tử' },
    { from: ['giấy đăng ký kết hôn', 'giấy kết hôn', 'đăng kí kết hôn', 'làm đám cưới', 'đăng ký cưới', 'đkkh', 'đk kh', 'giấy đkkh'], to: 'đăng ký kết hôn' },
    { from: ['giấy độc thân', 'xác nhận độc thân', 'xác nhận tình trạng độc thân', 'giấy xác nhận độc thân', 'chứng nhận độc thân', 'xác nhận tthn', 'giấy tthn', 'xntthn'], to: 'giấy xác nhận tình trạng hôn nhân' },
    { from: ['đổi tên hộ kinh doanh', 'đổi địa chỉ hộ kinh doanh', 'đổi ngành nghề hộ kinh doanh', 'thay đổi hộ kinh doanh', 'đổi chủ hộ kinh doanh', 'đổi tên hkd', 'đổi địa chỉ hkd', 'chuyển địa điểm hộ kinh doanh'], to: 'đăng ký thay đổi nội dung đăng ký hộ kinh doanh' },
    { from: ['đổi tên công ty', 'đổi tên doanh nghiệp'], to: 'đăng ký đổi tên của doanh nghiệp' },
    { from: ['giấy khai sinh bị sai', 'giấy khai sinh sai', 'khai sinh bị sai', 'sai tên', 'sai ngày sinh', 'sai năm sinh', 'sửa năm sinh', 'sửa lại năm sinh', 'đổi tên cho con', 'sửa tên cho con'], to: 'thay đổi cải chính bổ sung thông tin hộ tịch' },
    { from: ['sửa giấy khai sinh', 'sửa tên', 'đổi tên', 'cải chính', 'sai thông tin khai sinh', 'sửa ngày sinh', 'đổi họ'], to: 'thay đổi cải chính bổ sung thông tin hộ tịch' },
    { from: ['bản sao giấy khai sinh', 'trích lục khai sinh', 'trích lục', 'sao giấy khai sinh', 'bản sao gks', 'sao gks', 'mất giấy khai sinh', 'mất gks', 'làm lại giấy khai sinh'], to: 'cấp bản sao trích lục hộ tịch bản sao giấy khai sinh' },
    { from: ['từ chối nhận thừa kế', 'từ chối thừa kế', 'không nhận thừa kế', 'từ chối nhận di sản'], to: 'chứng thực văn bản từ chối nhận di sản' },
    { from: ['phân chia thừa kế', 'chia thừa kế', 'chia tài sản thừa kế', 'chia di sản'], to: 'chứng thực văn bản phân chia di sản' },
    { from: ['ngoài giá thú', 'con ngoài giá thú', 'con riêng chưa cưới'], to: 'nhận cha mẹ con' },
    { from: ['người hàn quốc', 'người hàn', 'người nhật', 'người nhật bản', 'người trung quốc', 'người đài loan', 'người mỹ', 'người úc', 'người pháp', 'người đức', 'người lào', 'người campuchia', 'người thái lan', 'người ngoại quốc', 'ngoại quốc', 'việt kiều', 'người nước ngoài'], to: 'có yếu tố nước ngoài' },
    { from: ['nhận con', 'nhận cha', 'nhận bố', 'nhận mẹ', 'nhận cha con', 'nhận cha mẹ con'], to: 'đăng ký nhận cha mẹ con' },
    { from: ['xin con nuôi', 'nhận con nuôi'], to: 'đăng ký việc nuôi con nuôi trong nước' },
    // certification
    { from: ['công chứng', 'photo công chứng', 'sao y', 'sao y bản chính', 'bản sao công chứng', 'công chứng bản sao', 'chứng thực bản sao'], to: 'chứng thực bản sao từ bản chính' },
    { from: ['chứng thực chữ kí', 'công chứng chữ ký', 'xác nhận chữ ký', 'chứng thực giấy ủy quyền', 'công chứng giấy ủy quyền', 'giấy ủy quyền'], to: 'chứng thực chữ ký' },
    { from: ['công chứng hợp đồng', 'chứng thực hợp đồng'], to: 'chứng thực giao dịch' },
    // land, building
    { from: ['sổ đỏ', 'sổ hồng', 'bìa đỏ', 'bìa hồng', 'giấy chứng nhận quyền sử dụng đất', 'gcnqsdđ', 'gcn qsdđ', 'sổ đất', 'giấy tờ đất', 'gcnqsdd'], to: 'giấy chứng nhận quyền sử dụng đất' },
    { from: ['làm sổ đỏ lần đầu', 'cấp sổ đỏ lần đầu', 'làm sổ đỏ', 'cấp sổ đỏ', 'làm sổ hồng', 'cấp sổ hồng', 'chưa có sổ', 'làm sổ đất', 'cấp sổ đất', 'làm sổ cho đất', 'xin cấp sổ'], to: 'đăng ký đất đai cấp giấy chứng nhận quyền sử dụng đất lần đầu' },
    { from: ['sổ đỏ ghi sai tên', 'sổ đỏ ghi sai', 'sổ đỏ bị sai', 'sổ hồng ghi sai', 'sổ hồng bị sai', 'sai thông tin sổ đỏ', 'sửa sổ đỏ', 'sửa thông tin sổ đỏ', 'sổ đỏ sai tên'], to: 'đính chính giấy chứng nhận' },
    { from: ['sổ đỏ bị rách', 'sổ đỏ rách', 'sổ hồng bị rách', 'sổ đỏ bị hỏng', 'sổ đỏ cũ', 'sổ đỏ bị mờ'], to: 'cấp đổi giấy chứng nhận quyền sử dụng đất' },
    { from: ['lấn đất', 'lấn chiếm đất', 'tranh chấp ranh giới', 'tranh chấp đất', 'tranh chấp đất đai', 'hàng xóm lấn'], to: 'hòa giải tranh chấp đất đai' },
    { from: ['sang tên sổ đỏ', 'sang tên đất', 'mua bán đất', 'mua đất', 'bán đất', 'sang tên nhà đất', 'chuyển nhượng đất', 'tặng cho đất', 'cho tặng đất', 'thừa kế đất'], to: 'đăng ký biến động chuyển nhượng thừa kế tặng cho quyền sử dụng đất' },
    { from: ['mất sổ đỏ', 'mất sổ hồng', 'mất giấy chứng nhận quyền sử dụng đất', 'làm lại sổ đỏ'], to: 'cấp lại giấy chứng nhận do bị mất' },
    { from: ['sang tên xe', 'sang tên đổi chủ', 'mua xe cũ', 'đổi chủ xe'], to: 'đăng ký sang tên xe thay đổi chủ xe' },
    { from: ['xe mới mua', 'xe máy mới mua', 'ô tô mới mua', 'mua xe mới', 'mua xe máy mới', 'đăng ký xe mới', 'đăng ký xe máy mới'], to: 'đăng ký cấp biển số xe lần đầu' },
    { from: ['mất cà vẹt', 'mất cavet', 'mất cà vẹt xe', 'mất đăng ký xe', 'mất giấy đăng ký xe', 'mất biển số', 'mất biển số xe', 'làm lại cà vẹt'], to: 'cấp lại chứng nhận đăng ký xe biển số xe' },
    { from: ['đã bán xe', 'bán xe rồi', 'bán xe xong', 'xe hết niên hạn', 'xe hỏng không dùng', 'hủy xe', 'nộp lại biển số'], to: 'thu hồi chứng nhận đăng ký xe biển số xe' },
    { from: ['mất bằng lái', 'mất bằng lái xe', 'bằng lái bị mất', 'bằng lái xe bị mất', 'mất gplx', 'gplx bị mất'], to: 'cấp lại giấy phép lái xe' },
    { from: ['bằng lái hết hạn', 'bằng lái xe hết hạn', 'gplx hết hạn', 'đổi bằng lái', 'đổi bằng lái xe', 'đổi gplx', 'bằng lái giấy', 'đổi bằng lái pet'], to: 'đổi giấy phép lái xe' },
    { from: ['đổi sổ đỏ', 'đổi sổ hồng', 'cấp đổi sổ đỏ'], to: 'cấp đổi giấy chứng nhận quyền sử dụng đất' },
    { from: ['tách sổ', 'tách thửa đất', 'chia đất', 'tách đất', 'gộp thửa', 'hợp thửa đất'], to: 'tách thửa hoặc hợp thửa đất' },
    { from: ['lên thổ cư', 'chuyển đất vườn', 'chuyển lên đất ở', 'chuyển đổi mục đích sử dụng đất', 'chuyển đất nông nghiệp sang đất ở', 'chuyển đất nông nghiệp', 'chuyển sang đất ở', 'lên đất ở', 'lên đất thổ cư', 'chuyển đất ruộng', 'chuyển đất lúa', 'chuyển đổi đất nông nghiệp'], to: 'chuyển mục đích sử dụng đất' },
    { from: ['gpxd', 'giấy phép xây nhà', 'xin phép xây nhà', 'xin phép xây dựng', 'xây nhà', 'giấy phép xây dựng nhà', 'phép xây nhà'], to: 'giấy phép xây dựng' },
    { from: ['thế chấp', 'thế chấp nhà', 'cầm cố sổ đỏ', 'thế chấp sổ đỏ', 'thế chấp đất'], to: 'đăng ký biện pháp bảo đảm bằng quyền sử dụng đất' },
    { from: ['xóa thế chấp', 'giải chấp', 'xoá thế chấp'], to: 'xóa đăng ký biện pháp bảo đảm bằng quyền sử dụng đất' },
    { from: ['sửa nhà', 'cải tạo nhà', 'sửa chữa nhà'], to: 'cấp giấy phép xây dựng sửa chữa cải tạo' },
    // business
    { from: ['hkd', 'hộ kd', 'hộ kinh doanh cá thể', 'kinh doanh cá thể', 'hộ cá thể', 'gpkd hộ', 'gpkd hộ cá thể', 'giấy phép kinh doanh hộ cá thể', 'giấy phép kinh doanh hộ gia đình', 'kinh doanh hộ gia đình', 'mở quán', 'mở cửa hàng', 'mở tiệm', 'buôn bán nhỏ', 'giấy phép kinh doanh hộ'], to: 'đăng ký thành lập hộ kinh doanh' },
    { from: ['đkkd', 'giấy phép kinh doanh', 'gpkd', 'đăng kí kinh doanh'], to: 'đăng ký kinh doanh' },
    { from: ['đóng cửa hộ kinh doanh', 'ngừng kinh doanh hẳn', 'giải thể hộ kinh doanh', 'dẹp quán'], to: 'chấm dứt hoạt động hộ kinh doanh' },
    { from: ['mst', 'mã số thuế'], to: 'đăng ký thuế' },
    // vehicles, driving
    { from: ['bằng lái', 'bằng lái xe', 'gplx', 'giấy phép lái', 'blx'], to: 'giấy phép lái xe' },
    { from: ['cà vẹt', 'cavet', 'giấy đăng ký xe', 'cà vẹt xe'], to: 'chứng nhận đăng ký xe' },
    { from: ['biển số', 'biển số xe', 'bấm biển'], to: 'biển số xe' },
    { from: ['xe máy', 'xe gắn máy', 'ô tô', 'oto', 'xe hơi'], to: 'xe' },
    // abbreviations of the catalogue's own words
    { from: ['lltp'], to: 'lý lịch tư pháp' },
    { from: ['qsdđ', 'qsdd', 'qsd đất'], to: 'quyền sử dụng đất' },
    { from: ['pccc'], to: 'phòng cháy chữa cháy' },
    { from: ['attp'], to: 'an toàn thực phẩm' },
    { from: ['antt'], to: 'an ninh trật tự' },
    { from: ['tk định danh', 'tkđd', 'tk vneid'], to: 'tài khoản định danh điện tử' },
    { from: ['bhyt'], to: 'bảo hiểm y tế' },
    { from: ['bhxh'], to: 'bảo hiểm xã hội' },
    { from: ['ubnd'], to: 'ủy ban nhân dân' },
    { from: ['đk', 'dk'], to: 'đăng ký' },
    { from: ['gcn'], to: 'giấy chứng nhận' },
    { from: ['gp'], to: 'giấy phép' },
    { from: ['tthc'], to: 'thủ tục hành chính' },
  ],
  fillers: [
    'làm', 'xin', 'cho', 'thủ tục', 'thủ tục hành chính', 'cần', 'như thế nào', 'thế nào', 'ra sao', 'tôi', 'em', 'mình', 'muốn', 'hỏi',
    'cho hỏi', 'xin hỏi', 'ạ', 'à', 'ơi', 'nhé', 'với', 'giúp', 'giúp tôi', 'được không', 'có được', 'không', 'thì', 'là', 'của', 'và', 'để',
    'các', 'những', 'gì', 'nào', 'đâu', 'ở', 'tại', 'phải', 'cần phải', 'bao nhiêu', 'bao lâu', 'mất bao lâu', 'mất bao nhiêu', 'mất mấy ngày', 'mất phí', 'mất tiền', 'hết', 'có', 'được', 'đi', 'đến',
    'nộp', 'hồ sơ', 'giấy tờ', 'cách', 'hướng dẫn', 'quy trình', 'thực hiện', 'một', 'này', 'đó', 'nay', 'hiện nay', 'bây giờ', 'ai', 'vậy',
    'nhà tôi', 'gia đình tôi', 'của tôi', 'chúng tôi', 'anh', 'chị', 'bạn', 'ad', 'admin', 'shop', 'online', 'trực tuyến', 'mạng', 'qua mạng',
    'lệ phí', 'phí', 'tiền', 'thời gian', 'thời hạn', 'mấy ngày', 'bao nhiêu ngày', 'ngày', 'nơi', 'chỗ', 'nơi nào', 'chỗ nào', 'mẫu', 'tờ khai',
    'thành phần', 'gồm', 'gồm những', 'cần những', 'cần chuẩn bị', 'chuẩn bị', 'mang theo', 'mang', 'đem', 'theo', 'về', 'việc', 'trường hợp',
    'bị', 'rồi', 'mới', 'đã', 'sẽ', 'đang', 'vừa', 'lúc', 'khi', 'nếu', 'sao', 'gì ạ', 'nhỉ', 'nhờ', 'dùm', 'giùm', 'với ạ', 'quê', 'sắp',
    'chuẩn bị', 'định', 'dự định', 'đối với', 'tháng', 'năm nay', 'sớm', 'nhanh', 'gấp', 'mọi người', 'số điện thoại',
  ],
  weak: ['con', 'bé', 'cháu', 'bố', 'mẹ', 'cha', 'vợ', 'chồng', 'ông', 'bà', 'người', 'nhà', 'trẻ', 'em bé', 'người thân', 'gia đình', 'cũ', 'mới mua', 'sang', 'mua'],
  lifeEvents: [
    { id: 'birth', name: 'Sinh con', triggers: ['sinh con', 'mới sinh', 'vừa sinh', 'sinh em bé', 'có em bé', 'đẻ', 'mới đẻ', 'vợ sinh', 'con mới sinh', 'em bé mới sinh', 'trẻ sơ sinh', 'sinh cháu', 'chào đời'], procedures: ['1.001193', '2.000986', '2.001023', '1.000689', '1.014062'] },
    { id: 'marriage', name: 'Kết hôn', triggers: ['kết hôn', 'cưới', 'lấy vợ', 'lấy chồng', 'cưới vợ', 'cưới chồng', 'đám cưới', 'cưới nhau', 'về chung một nhà'], procedures: ['1.000894', '1.004873'] },
    { id: 'death', name: 'Người thân qua đời', triggers: ['qua đời', 'chết', 'từ trần', 'mất rồi', 'đã mất', 'vừa mất', 'người mất', 'tạ thế', 'hy sinh', 'bố mất', 'mẹ mất', 'ông mất', 'bà mất', 'cha mất', 'chồng mất', 'vợ mất', 'người thân mất'], procedures: ['1.000656', '1.003197', '2.001406', '2.001016'] },
    { id: 'moving', name: 'Chuyển nơi ở', triggers: ['chuyển nhà', 'chuyển chỗ ở', 'chuyển đến', 'chuyển về', 'dọn nhà', 'dọn đến', 'chuyển nơi ở', 'về ở', 'thuê nhà', 'ở trọ', 'nhà trọ', 'thuê trọ', 'ở nhờ'], procedures: ['1.004222', '1.004194', '1.003197', '1.010041'] },
    { id: 'id-card', name: 'Làm thẻ căn cước', triggers: ['đủ 14 tuổi', 'đủ tuổi làm căn cước', 'lần đầu làm căn cước', 'làm căn cước lần đầu'], procedures: ['1.014061', '1.014062', '1.014063', '1.014064'] },
    { id: 'lost-id', name: 'Mất giấy tờ tùy thân', triggers: ['mất căn cước', 'mất thẻ căn cước', 'mất cccd', 'rơi căn cước', 'hỏng căn cước', 'mất ví', 'mất giấy tờ'], procedures: ['1.014064', '1.010386'] },
    { id: 'travel', name: 'Đi nước ngoài', triggers: ['đi nước ngoài', 'xuất cảnh', 'du lịch nước ngoài', 'đi du lịch nước ngoài', 'đi xuất khẩu lao động', 'đi du học', 'ra nước ngoài', 'đi xkld', 'đi xklđ', 'xuất khẩu lao động'], procedures: ['1.001456', '1.010386'] },
    { id: 'house', name: 'Xây, sửa nhà', triggers: ['xây nhà', 'làm nhà', 'xây dựng nhà', 'cất nhà', 'dựng nhà', 'sửa nhà', 'nâng tầng'], procedures: ['1.013225', '1.013229'] },
    { id: 'land', name: 'Mua bán, thừa kế nhà đất', triggers: ['mua nhà', 'bán nhà', 'mua đất', 'bán đất', 'thừa kế', 'chia thừa kế', 'được tặng đất', 'bố mẹ cho đất', 'cho con đất'], procedures: ['1.013831', '2.001035', '2.001406', '1.012784'] },
    { id: 'business', name: 'Mở cơ sở kinh doanh', triggers: ['mở quán', 'mở cửa hàng', 'mở tiệm', 'kinh doanh', 'buôn bán', 'bán hàng', 'mở shop', 'mở tạp hóa', 'bán tạp hóa'], procedures: ['1.001612', '2.000720', '1.001570', '1.001266'] },
    { id: 'vehicle', name: 'Mua, bán xe', triggers: ['mua xe', 'bán xe', 'xe mới mua', 'sang tên xe'], procedures: ['1.013067', '1.013076', '1.013080', '1.012575'] },
    { id: 'job', name: 'Xin việc', triggers: ['xin việc', 'hồ sơ xin việc', 'đi làm', 'nộp hồ sơ xin việc'], procedures: ['2.000815', '1.010041', '2.000884'] },
  ],
  common: [
    '1.001193', '2.000815', '1.004222', '1.004194', '1.014061', '1.000656', '1.000894', '1.004873', '2.000884', '1.010041',
    '1.014062', '1.014063', '1.014064', '2.000635', '1.001456', '1.001612', '1.013978', '1.013831', '1.012784', '1.013225',
    '2.001035', '1.013067', '1.013076', '3.000228', '1.004859', '1.003677', '1.003197', '1.002755', '2.001159', '1.001022',
  ],
  variants: [
    { words: 'lại', penalty: 3, impliedBy: ['mất', 'đánh rơi', 'thất lạc', 'đánh mất'] },
    { words: 'lưu động', penalty: 3 },
    { words: 'nước ngoài', penalty: 2.5 },
    { words: 'yếu tố nước ngoài', penalty: 2 },
    { words: 'kết hợp', penalty: 2 },
    { words: 'liên thông', penalty: 1.5 },
    { words: 'biên giới', penalty: 2.5 },
    { words: 'cấp trung ương', penalty: 3 },
    { words: 'trung ương', penalty: 1 },
    { words: 'cấp tỉnh', penalty: 0.5 },
    { words: 'dưới', penalty: 1.5 },
    { words: 'đổi', penalty: 2, impliedBy: ['hết hạn', 'bị hỏng', 'bị rách', 'hư hỏng', 'bị mờ'] },
    { words: 'mất', penalty: 2 },
    { words: 'trình báo', penalty: 1 },
    { words: 'gia hạn', penalty: 1.5 },
    { words: 'sửa chữa cải tạo', penalty: 1.5 },
    { words: 'đối với tổ chức', penalty: 1.5 },
    { words: 'khôi phục', penalty: 1.5 },
    { words: 'quốc tế', penalty: 1.5 },
    { words: 'người dịch', penalty: 3 },
    { words: 'tem ab', penalty: 3 },
    { words: 'ghi vào sổ', penalty: 2.5 },
    { words: 'cấp đặc biệt', penalty: 1.5 },
    { words: 'cấp huyện', penalty: 2 },
    { words: 'đã có hồ sơ giấy tờ cá nhân', penalty: 3 },
    { words: 'chưa xác định được quốc tịch', penalty: 3 },
    { words: 'gốc việt nam', penalty: 2 },
    { words: 'tổ chức', penalty: 1 },
    { words: 'doanh nghiệp', penalty: 1 },
    { words: 'dự án', penalty: 1 },
    { words: 'quân đội', penalty: 2 },
    { words: 'công an nhân dân', penalty: 1.5 },
    { words: 'thu hồi', penalty: 1.5 },
    { words: 'chấm dứt', penalty: 1 },
    { words: 'điều chỉnh', penalty: 1 },
    { words: 'giám sát', penalty: 1.5 },
    { words: 'tạm thời', penalty: 1 },
    { words: 'nhập khẩu', penalty: 1.5 },
  ],
};

/** Officials' entries on top of the shipped vocabulary: rewrites and fillers added, events merged by id. */
export function mergeVocabulary(base: VocabularyData, extra: Partial<VocabularyData>): VocabularyData {
  const events = new Map(base.lifeEvents.map((e) => [e.id, e]));
  for (const e of extra.lifeEvents ?? []) {
    const had = events.get(e.id);
    events.set(e.id, had ? { ...had, triggers: [...had.triggers, ...e.triggers], procedures: [...new Set([...had.procedures, ...e.procedures])] } : e);
  }
  return {
    shorthands: [...(extra.shorthands ?? []), ...base.shorthands],
    rewrites: [...(extra.rewrites ?? []), ...base.rewrites],
    fillers: [...base.fillers, ...(extra.fillers ?? [])],
    weak: [...base.weak, ...(extra.weak ?? [])],
    lifeEvents: [...events.values()],
    variants: [...base.variants, ...(extra.variants ?? [])],
    common: extra.common?.length ? extra.common : base.common,
  };
}
