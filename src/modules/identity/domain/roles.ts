/**
 * The roles of the platform. A role is never held alone: it is granted for one unit and for some fields
 * (RoleGrant). What each role may do is the union of the permissions every module declares.
 */
export const ROLES = ['receiving_officer', 'specialist', 'leader', 'clerk', 'province_admin', 'data_steward', 'security_officer', 'citizen'] as const;
export type Role = (typeof ROLES)[number];

export const OFFICIAL_ROLES = ROLES.filter((r) => r !== 'citizen') as Exclude<Role, 'citizen'>[];

/** Roles a leader may hand to an officer of the unit for one field (never leader or admin roles). */
export const DELEGABLE_ROLES = ['receiving_officer', 'specialist'] as const;

export const ROLE_LABELS: Record<Role, string> = {
  receiving_officer: 'Công chức tiếp nhận và trả kết quả',
  specialist: 'Chuyên viên xử lý hồ sơ',
  leader: 'Lãnh đạo phê duyệt, ký',
  clerk: 'Văn thư (đóng dấu, phát hành)',
  province_admin: 'Quản trị hệ thống cấp tỉnh',
  data_steward: 'Cán bộ quản lý dữ liệu',
  security_officer: 'Cán bộ an toàn thông tin',
  citizen: 'Người dân, doanh nghiệp',
};

export function isRole(x: string): x is Role {
  return (ROLES as readonly string[]).includes(x);
}

/** The identity module's own permissions (merged with every other module's into ctx.permissions). */
export const IDENTITY_PERMISSIONS = {
  /** Read who I am (GET /api/v1/auth/me). */
  'identity.session.read': [...ROLES],
  /** End my own session. */
  'identity.session.end': [...ROLES],
  /** Create, list and revoke my own API tokens. */
  'identity.tokens.manage': [...OFFICIAL_ROLES],
  /** Delegate a field of my unit to an officer, and revoke it. */
  'identity.delegations.manage': ['leader'],
  /** Create officials, grant roles, unlock accounts. */
  'identity.users.manage': ['province_admin'],
  /** Read the sign-in attempts log. */
  'identity.sign-ins.read': ['security_officer'],
} as const satisfies Record<string, readonly Role[]>;
