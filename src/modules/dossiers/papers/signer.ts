import type { SignerInfo } from './types.ts';

/**
 * How a leader signs a paper of their body (Nghị định 30/2020/NĐ-CP, Phụ lục I, thể thức chữ ký):
 *
 * - A body under collective leadership (the People's Committee of a commune or the province) signs
 *   "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"; a vice chairman signs for the chairman:
 *   "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH".
 * - A body headed by one person (a department): the director signs "GIÁM ĐỐC"; a deputy signs
 *   "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC". The same for other heads (Chánh Văn phòng, Trưởng phòng…).
 *
 * The title comes from the signer's recorded position, never from the body alone: a deputy's signature
 * must not read as the head's. Without a position the title says only that a competent person signed.
 */
export type Leadership = 'collective' | 'head';

/** Heads whose deputies sign "KT. <head>" (longest first, so "Chánh Văn phòng" wins over shorter words). */
const HEADS = ['Tổng Giám đốc', 'Chánh Văn phòng', 'Chi cục trưởng', 'Cục trưởng', 'Trưởng phòng', 'Trưởng ban', 'Giám đốc', 'Chủ tịch', 'Thủ trưởng', 'Chánh án', 'Viện trưởng'];

const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ');
const startsWith = (text: string, prefix: string) => text.toLocaleLowerCase('vi').startsWith(prefix.toLocaleLowerCase('vi'));

export function signerTitle(leadership: Leadership, position: string | null | undefined): Pick<SignerInfo, 'title' | 'onBehalfOf'> {
  const p = position ? norm(position) : '';
  const collective = leadership === 'collective' ? 'TM. ỦY BAN NHÂN DÂN' : undefined;
  const onBehalf = (...lines: (string | undefined)[]) => {
    const l = lines.filter(Boolean);
    return l.length ? { onBehalfOf: l.join('\n') } : {};
  };
  if (!p) return { title: 'Người có thẩm quyền ký', ...onBehalf(collective) };
  const deputy = /^phó\s+/iu.exec(p);
  const rest = deputy ? p.slice(deputy[0].length) : p;
  const head = HEADS.find((h) => startsWith(rest, h));
  if (!head) return { title: p, ...onBehalf(collective) };
  if (deputy) return { title: `Phó ${head}`, ...onBehalf(collective, `KT. ${head.toLocaleUpperCase('vi')}`) };
  return { title: head, ...onBehalf(collective) };
}
