import { maskName, maskText } from '../../../platform/mask.ts';

/**
 * What the public page shows of an answered report: never the reporter's name, contact, identification
 * numbers, nor the photos (faces, number plates); the text only when the reporter chose to make it public,
 * and then masked — identification and phone numbers, e-mail addresses (src/platform/mask.ts), the
 * reporter's own name wherever it appears, and a name following a form of address ("ông Nguyễn Văn A").
 */

const HONORIFIC = /(?<![\p{L}])(ông|bà|anh|chị|cô|chú|bác|em|cụ|Ông|Bà|Anh|Chị|Cô|Chú|Bác|Em|Cụ)(\s+)((?:\p{Lu}[\p{Ll}\p{M}]*)(?:\s+\p{Lu}[\p{Ll}\p{M}]*){0,4})/gu;

/** Masks personal data in a text meant for the public. */
export function maskForPublic(text: string, knownNames: readonly string[] = []): string {
  let out = maskText(text.normalize('NFC'));
  for (const name of knownNames) {
    const n = name.normalize('NFC').trim();
    if (n.length < 2) continue;
    out = out.split(n).join(maskName(n));
    // the given name alone ("Lan" of "Nguyễn Thị Lan") is left: too common to mask without hiding words
  }
  return out.replace(HONORIFIC, (_m, h: string, sp: string, name: string) => `${h}${sp}${maskName(name)}`);
}

export interface PublicFeedbackSource {
  code: string;
  category: string;
  communeName: string | null;
  unitName: string;
  text: string;
  textPublic: boolean;
  reporterName: string | null;
  answer: string | null;
  receivedAt: Date;
  answeredAt: Date | null;
  rating: string | null;
}

export interface PublicFeedback {
  code: string;
  category: string;
  communeName: string | null;
  unitName: string;
  /** Null when the reporter did not make the text public. */
  text: string | null;
  answer: string | null;
  receivedAt: string;
  answeredAt: string | null;
  rating: string | null;
}

export function publicView(f: PublicFeedbackSource): PublicFeedback {
  const names = f.reporterName ? [f.reporterName] : [];
  return {
    code: f.code,
    category: f.category,
    communeName: f.communeName,
    unitName: f.unitName,
    text: f.textPublic ? maskForPublic(f.text, names) : null,
    answer: f.answer ? maskForPublic(f.answer, names) : null,
    receivedAt: f.receivedAt.toISOString(),
    answeredAt: f.answeredAt?.toISOString() ?? null,
    rating: f.rating,
  };
}
