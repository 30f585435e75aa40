import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contributionOf, rankSplitTargets } from './split-ranking.ts';

const A = '3. Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của phường Quán Thánh, một phần diện tích tự nhiên, quy mô dân số của các phường Cửa Nam, Kim Mã, một phần diện tích tự nhiên của phường Thụy Khuê, phần còn lại của phường Cửa Đông sau khi sắp xếp thành phường mới có tên gọi là phường Ba Đình.';

describe('contributionOf', () => {
  it('reads how an old commune contributed from the article', () => {
    assert.equal(contributionOf('Quán Thánh', A), 'whole');
    assert.equal(contributionOf('Kim Mã', A), 'part_population');
    assert.equal(contributionOf('Thụy Khuê', A), 'part_land');
    assert.equal(contributionOf('Thuỵ Khuê', A), 'part_land');
    assert.equal(contributionOf('Cửa Đông', A), 'remainder');
    assert.equal(contributionOf('Không Có', A), 'unknown');
  });

  it('finds names written without their spaces', () => {
    assert.equal(contributionOf('Ea Bar', 'Sắp xếp phần còn lại của xã Eabar thành xã mới'), 'remainder');
  });
});

describe('rankSplitTargets', () => {
  it('puts the part with people before the land-only part', () => {
    const r = rankSplitTargets({ code: '00100', shortName: 'Kim Mã' }, [
      { newCode: '00200', newShortName: 'Giảng Võ', resolutionText: 'một phần diện tích tự nhiên của phường Kim Mã thành phường Giảng Võ' },
      { newCode: '00004', newShortName: 'Ba Đình', resolutionText: A },
    ]);
    assert.equal(r.get('00004')!.rank, 1);
    assert.equal(r.get('00200')!.rank, 2);
    assert.ok(r.get('00004')!.share > r.get('00200')!.share);
    assert.equal(Math.round((r.get('00004')!.share + r.get('00200')!.share) * 100), 100);
  });

  it('prefers the new commune that kept the old code, then the one that kept the name', () => {
    const text = 'một phần diện tích tự nhiên, quy mô dân số của xã Tân Lập';
    const r = rankSplitTargets({ code: '01000', shortName: 'Tân Lập' }, [
      { newCode: '02000', newShortName: 'Tân Lập', resolutionText: text },
      { newCode: '01000', newShortName: 'Hòa Bình', resolutionText: text },
      { newCode: '03000', newShortName: 'Tân Sơn', resolutionText: text },
    ]);
    assert.deepEqual([...r.entries()].sort((a, b) => a[1].rank - b[1].rank).map(([c]) => c), ['01000', '02000', '03000']);
  });

  it('weighs a target whose article does not name the old commune 1: between land only and a part with people', () => {
    const r = rankSplitTargets({ code: '01000', shortName: 'Tân Lập' }, [
      { newCode: '02000', newShortName: 'Hòa Bình', resolutionText: 'Sắp xếp xã Hòa Bình thành xã Hòa Bình.' },
      { newCode: '03000', newShortName: 'Tân Sơn', resolutionText: 'một phần diện tích tự nhiên của xã Tân Lập' },
      { newCode: '04000', newShortName: 'Yên Sơn', resolutionText: 'một phần diện tích tự nhiên, quy mô dân số của xã Tân Lập' },
    ]);
    assert.equal(r.get('02000')!.contribution, 'unknown');
    // 2 / 3.5, 1 / 3.5, 0.5 / 3.5
    assert.deepEqual([...r.entries()].map(([c, x]) => [c, x.rank, x.share]), [['04000', 1, 0.571], ['02000', 2, 0.286], ['03000', 3, 0.143]]);
  });

  it('finds a numbered ward by "Phường N", not by the article number or a district of that number', () => {
    const text = '4. Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của Phường 1 (Quận 4), phần còn lại của Phường 4 (Quận 4) thành phường mới.';
    assert.equal(contributionOf('4', text), 'remainder');
    assert.equal(contributionOf('1', text), 'whole');
    assert.equal(contributionOf('9', text), 'unknown');
  });

  it('gives a single target rank 1 and the whole share', () => {
    assert.deepEqual(rankSplitTargets({ code: '1', shortName: 'X' }, [{ newCode: '9', newShortName: 'Y', resolutionText: '' }]).get('9'), { rank: 1, share: 1, contribution: 'whole' });
  });
});
