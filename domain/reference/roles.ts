// The roles of DOMAIN.md §1 and the foundation issue; a leaf module so client components can import it.
export const roles = ['reporter', 'unit_manager', 'branch_officer', 'office', 'leader', 'admin'] as const;
export type Role = (typeof roles)[number];
