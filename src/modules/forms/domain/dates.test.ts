import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ageOn, compareDates, dateInWords, formatIsoDate, parseIsoDate, vietnamToday, yearInWords } from './dates.ts';

describe('dates of answers', () => {
  it('reads only real calendar dates', () => {
    assert.deepEqual(parseIsoDate('2024-02-29'), { year: 2024, month: 2, day: 29 });
    assert.equal(parseIsoDate('2025-02-29'), null);
    assert.equal(parseIsoDate('2026-13-01'), null);
    assert.equal(parseIsoDate('2026-04-31'), null);
    assert.equal(parseIsoDate('2026-4-1'), null);
    assert.equal(parseIsoDate('01/04/2026'), null);
    assert.equal(parseIsoDate('1700-01-01'), null);
  });

  it('compares and counts whole years of age', () => {
    const d = (s: string) => parseIsoDate(s)!;
    assert.ok(compareDates(d('2026-03-01'), d('2026-03-02')) < 0);
    assert.equal(compareDates(d('2026-03-01'), d('2026-03-01')), 0);
    assert.equal(ageOn(d('2008-03-12'), d('2026-03-11')), 17);
    assert.equal(ageOn(d('2008-03-12'), d('2026-03-12')), 18);
    assert.equal(ageOn(d('2004-02-29'), d('2022-02-28')), 17);
    assert.equal(ageOn(d('2004-02-29'), d('2022-03-01')), 18);
  });

  it("today is Vietnam's date whatever the server's zone", () => {
    assert.equal(vietnamToday(new Date('2026-03-11T16:59:59Z')), '2026-03-11');
    assert.equal(vietnamToday(new Date('2026-03-11T17:00:00Z')), '2026-03-12');
  });

  it('prints dates and writes them in words as civil-status papers do', () => {
    assert.equal(formatIsoDate('2026-03-05'), '05/03/2026');
    assert.equal(yearInWords(2026), 'hai nghìn không trăm hai mươi sáu');
    assert.equal(yearInWords(2000), 'hai nghìn');
    assert.equal(yearInWords(2005), 'hai nghìn không trăm linh năm');
    assert.equal(yearInWords(1985), 'một nghìn chín trăm tám mươi lăm');
    assert.equal(yearInWords(2010), 'hai nghìn không trăm mười');
    assert.equal(dateInWords('2026-03-12'), 'Ngày mười hai tháng ba năm hai nghìn không trăm hai mươi sáu');
    assert.equal(dateInWords('2025-04-21'), 'Ngày hai mươi mốt tháng tư năm hai nghìn không trăm hai mươi lăm');
    assert.equal(dateInWords('2024-12-15'), 'Ngày mười lăm tháng mười hai năm hai nghìn không trăm hai mươi tư');
    assert.equal(dateInWords('2024-11-24'), 'Ngày hai mươi tư tháng mười một năm hai nghìn không trăm hai mươi tư');
    assert.equal(dateInWords('2024-01-05'), 'Ngày năm tháng một năm hai nghìn không trăm hai mươi tư');
    assert.equal(dateInWords('2024-01-10'), 'Ngày mười tháng một năm hai nghìn không trăm hai mươi tư');
    assert.equal(dateInWords('nope'), '');
  });
});
