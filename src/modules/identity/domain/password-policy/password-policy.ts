/**
 * The password rule for officials' accounts (NIST SP 800-63B: length and a check against passwords known to
 * be common, not composition rules). Refused: fewer than 10 or more than 256 characters, containing the
 * username, a single repeated character, the published demo password (everywhere a password is set: the
 * demo seeds it itself), and anything the strength estimator scores below MIN_STRENGTH_SCORE (4) — common and
 * breached passwords and their variants ("Password123!", "P@ssw0rd2024", "anhyeuem123"), keyboard walks,
 * dates, names, and words of the platform, the person or the unit (`userInputs`). Returns the Vietnamese
 * reasons (empty when accepted). The estimator is passed in, so the rule stays pure and testable.
 */
export interface StrengthEstimate {
  /** 0 (guessable in under 10³ tries) … 4 (over 10¹⁰), zxcvbn's scale. */
  score: number;
  /** log10 of the estimated number of guesses. */
  guessesLog10: number;
  warning: string | null;
  suggestions: string[];
}

export type StrengthEstimator = (password: string, userInputs: string[]) => StrengthEstimate;

/**
 * zxcvbn's top score: at least 10¹⁰ estimated guesses. Score 3 (10⁸) still let "Admin@123456" and
 * "NguyenVanAn1990" through; every passphrase of four ordinary words reaches 4.
 */
export const MIN_STRENGTH_SCORE = 4;

export interface PasswordContext {
  username: string;
  /** Words a guesser would try first: the person's name, the unit, the platform. */
  userInputs?: string[];
  /** The demo's shared password, published in the README and the source. */
  demoPassword: string;
  estimate: StrengthEstimator;
}

export function passwordProblems(password: string, ctx: PasswordContext): string[] {
  const out: string[] = [];
  const chars = Array.from(password);
  if (chars.length < 10) out.push('Mật khẩu phải có ít nhất 10 ký tự.');
  if (chars.length > 256) out.push('Mật khẩu không được dài quá 256 ký tự.');
  if (ctx.username && password.toLowerCase().includes(ctx.username.toLowerCase())) out.push('Mật khẩu không được chứa tên đăng nhập.');
  if (chars.length > 0 && new Set(chars).size === 1) out.push('Mật khẩu không được chỉ gồm một ký tự lặp lại.');
  if (password === ctx.demoPassword) out.push('Đây là mật khẩu chung của bản demo, đã được công bố: không được dùng cho tài khoản thật.');
  if (out.length) return out;
  const s = ctx.estimate(password, [ctx.username, ...(ctx.userInputs ?? []), ctx.demoPassword]);
  if (s.score < MIN_STRENGTH_SCORE) {
    out.push(['Mật khẩu quá dễ đoán.', s.warning, ...s.suggestions, 'Nên dùng một câu dài gồm nhiều từ ít người nghĩ tới.'].filter(Boolean).join(' '));
  }
  return out;
}
