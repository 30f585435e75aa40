import net from 'node:net';

/**
 * Webhook target rules (pure): http(s) only, no credentials in the URL, and — unless allowed — no
 * loopback, private, link-local or otherwise internal address (a webhook must not become a way to reach
 * the platform's own network).
 */

export type TargetProblem = 'invalid-url' | 'scheme' | 'credentials' | 'private-address';

/** Whether an IP address (v4 or v6) is loopback, private, link-local, CGNAT, unspecified or multicast. */
export function isInternalAddress(ip: string): boolean {
  const family = net.isIP(ip);
  if (family === 4) {
    const [a, b] = ip.split('.').map(Number) as [number, number];
    return (
      a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127) || a >= 224
    );
  }
  if (family === 6) {
    const x = ip.toLowerCase().replace(/^\[|\]$/g, '');
    if (x === '::' || x === '::1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(x);
    if (mapped) return isInternalAddress(mapped[1]!);
    return /^(fc|fd|fe8|fe9|fea|feb|ff)/.test(x);
  }
  return false;
}

/** Checks a target URL; `addresses` are what its host resolves to (the caller resolves names). */
export function checkTarget(raw: string, opts: { allowPrivate: boolean; addresses?: readonly string[] }): TargetProblem | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'invalid-url';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'scheme';
  if (u.username || u.password) return 'credentials';
  if (opts.allowPrivate) return null;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal') || host.endsWith('.local')) return 'private-address';
  if (net.isIP(host) && isInternalAddress(host)) return 'private-address';
  if ((opts.addresses ?? []).some(isInternalAddress)) return 'private-address';
  return null;
}

export const TARGET_PROBLEM_TEXT: Record<TargetProblem, string> = {
  'invalid-url': 'Địa chỉ nhận webhook không phải một URL hợp lệ.',
  scheme: 'Địa chỉ nhận webhook phải dùng http:// hoặc https://.',
  credentials: 'Địa chỉ nhận webhook không được chứa tên đăng nhập hay mật khẩu.',
  'private-address': 'Địa chỉ nhận webhook trỏ tới mạng nội bộ (loopback, địa chỉ riêng); chỉ được phép khi cấu hình WEBHOOKS_ALLOW_PRIVATE_TARGETS=true.',
};
