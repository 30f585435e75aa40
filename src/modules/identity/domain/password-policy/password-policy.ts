/**
 * The password rule for officials' accounts (NIST SP 800-63B style: length over composition rules):
 * at least 10 characters, at most 256, not the username, not a single repeated character. Returns the
 * Vietnamese reasons a password is refused (empty when accepted).
 */
export function passwordProblems(password: string, username: string): string[] {
  const out: string[] = [];
  const chars = Array.from(password);
  if (chars.length < 10) out.push('Mật khẩu phải có ít nhất 10 ký tự.');
  if (chars.length > 256) out.push('Mật khẩu không được dài quá 256 ký tự.');
  if (password.toLowerCase().includes(username.toLowerCase())) out.push('Mật khẩu không được chứa tên đăng nhập.');
  if (chars.length > 0 && new Set(chars).size === 1) out.push('Mật khẩu không được chỉ gồm một ký tự lặp lại.');
  return out;
}
