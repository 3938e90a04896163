import type { Role } from '@/db/schema';

// One demo login per role (README "Demo logins"); all share the demo password.
export const demoUsers: readonly { login: string; displayName: string; role: Role; unitCode: string }[] = [
  { login: 'office', displayName: '院安委办', role: 'office', unitCode: 'HX' },
  { login: 'leader', displayName: '院领导', role: 'leader', unitCode: 'HX' },
  { login: 'bj.officer', displayName: '北京分院科技安全专员', role: 'branch_officer', unitCode: 'BJ' },
  { login: 'bj01.manager', displayName: 'BJ01 科研管理部门', role: 'unit_manager', unitCode: 'BJ01' },
  { login: 'bj01.reporter', displayName: 'BJ01 填报员', role: 'reporter', unitCode: 'BJ01' },
  { login: 'sh01.reporter', displayName: 'SH01 填报员', role: 'reporter', unitCode: 'SH01' },
];
