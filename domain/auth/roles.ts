import type { Role } from '@/domain/reference/roles';

// Roles whose scope is the whole academy; the others see the subtree of their own unit.
const academyWide: ReadonlySet<Role> = new Set(['office', 'leader', 'admin']);

export function seesWholeAcademy(role: Role): boolean {
  return academyWide.has(role);
}

export function canManageUsers(role: Role): boolean {
  return role === 'admin';
}

// Who may do what with records (DOMAIN.md §1, §5-6). Leadership reads only.
const submitters: ReadonlySet<Role> = new Set(['reporter', 'unit_manager', 'branch_officer', 'office', 'admin']);
const reviewers: ReadonlySet<Role> = new Set(['unit_manager', 'office', 'admin']);

export function canSubmitRecords(role: Role): boolean {
  return submitters.has(role);
}

/** Approving or rejecting an assessment, verifying a rectification: the unit's management or the office. */
export function canReview(role: Role): boolean {
  return reviewers.has(role);
}

export function canMarkConcealed(role: Role): boolean {
  return role === 'office' || role === 'admin';
}

export function canManageUnits(role: Role): boolean {
  return role === 'office' || role === 'admin';
}

/** The audit log shows every unit's changes: the academy office and administrators read it. */
export function canReadAudit(role: Role): boolean {
  return role === 'office' || role === 'admin';
}
