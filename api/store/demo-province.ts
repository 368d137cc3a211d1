/**
 * The demo province seeded on first start (DOMAIN.md): the role codes (the BPMN candidate groups
 * the workflows use) with the role permissions of DOMAIN.md's table as CASL rules, a unit tree, and
 * one user per role. Data only; seed.ts writes it.
 */
import type { StoredRule } from '../auth/ability.js';
import type { UnitKind } from './units.js';

export const ROLE_CODES = {
  oneStop: 'mot_cua',
  specialist: 'chuyen_vien',
  headOfDivision: 'lanh_dao_phong',
  leader: 'lanh_dao_don_vi',
  clerk: 'van_thu',
  analyst: 'xay_dung_quy_trinh',
  unitAdmin: 'quan_tri_don_vi',
  systemAdmin: 'quan_tri_he_thong',
  externalWorker: 'external_worker',
} as const;

const SUBTREE = { $in: '${unit.subtreeIds}' };
/** Instances and tasks name their unit by code. */
const SUBTREE_CODES = { $in: '${unit.subtreeCodes}' };
const OFFICER_ROLES = ['mot_cua', 'chuyen_vien', 'lanh_dao_phong', 'lanh_dao_don_vi', 'van_thu'];

/** What every officer has: their units, themselves, the procedures, their unit's instances and tasks. */
const officerBase: StoredRule[] = [
  { action: 'read', subject: 'Unit', conditions: { id: SUBTREE } },
  { action: 'read', subject: 'User', conditions: { id: '${user.id}' } },
  { action: 'read', subject: 'ProcessDefinition' },
  { action: 'read', subject: 'ProcessInstance', conditions: { unitCode: SUBTREE_CODES } },
  { action: 'read', subject: 'ProcessInstance', conditions: { handledBy: '${user.username}' } },
  { action: ['read', 'claim', 'complete'], subject: 'Task', conditions: { unitCode: SUBTREE_CODES, candidateGroups: '${role.code}' } },
  { action: ['read', 'complete', 'delegate'], subject: 'Task', conditions: { assignee: '${user.username}' } },
  { action: 'read', subject: 'Holiday' },
];
const ownReports: StoredRule = { action: 'read', subject: 'Report', conditions: { unitId: SUBTREE } };
const assignWork: StoredRule[] = [
  { action: ['read', 'assign'], subject: 'Task', conditions: { unitCode: SUBTREE_CODES } },
  { action: 'read', subject: 'User', conditions: { unitId: SUBTREE } },
];

export interface DemoRole {
  readonly code: string;
  readonly name: string;
  readonly description: string;
  readonly rules: readonly StoredRule[];
}

export const DEMO_ROLES: readonly DemoRole[] = [
  {
    code: ROLE_CODES.oneStop,
    name: 'Cán bộ một cửa',
    description: 'Receives, refuses and returns dossiers; receives supplements; reports of own unit',
    rules: [
      ...officerBase,
      { action: 'start', subject: 'ProcessInstance', conditions: { unitCode: SUBTREE_CODES } },
      { action: 'cancel', subject: 'ProcessInstance', conditions: { unitCode: SUBTREE_CODES } },
      // receiving a supplement (DOMAIN.md) is a message to the waiting dossier of their unit
      { action: 'correlate', subject: 'ProcessInstance', conditions: { unitCode: SUBTREE_CODES } },
      ownReports,
    ],
  },
  {
    code: ROLE_CODES.specialist,
    name: 'Chuyên viên',
    description: 'Appraises and drafts; proposes supplement requests',
    rules: officerBase,
  },
  {
    code: ROLE_CODES.headOfDivision,
    name: 'Lãnh đạo phòng',
    description: 'Reviews drafts, approves supplement requests, assigns work; reports of own unit',
    rules: [...officerBase, ...assignWork, ownReports],
  },
  {
    code: ROLE_CODES.leader,
    name: 'Lãnh đạo đơn vị',
    description: 'Signs results and apology letters, assigns work; reports of own unit',
    rules: [...officerBase, ...assignWork, ownReports],
  },
  {
    code: ROLE_CODES.clerk,
    name: 'Văn thư',
    description: 'Numbers and dispatches results',
    rules: officerBase,
  },
  {
    code: ROLE_CODES.analyst,
    name: 'Cán bộ xây dựng quy trình',
    description: 'Models and deploys workflows, nothing else',
    rules: [
      { action: 'read', subject: 'Unit', conditions: { id: SUBTREE } },
      { action: 'read', subject: 'User', conditions: { id: '${user.id}' } },
      { action: ['read', 'create'], subject: 'Deployment' },
      { action: 'read', subject: 'ProcessDefinition' },
      { action: 'read', subject: 'Holiday' },
    ],
  },
  {
    code: ROLE_CODES.unitAdmin,
    name: 'Quản trị đơn vị',
    description: 'Users and roles of own unit; reports of own unit',
    rules: [
      { action: 'read', subject: 'Unit', conditions: { id: SUBTREE } },
      { action: ['read', 'create', 'update'], subject: 'User', conditions: { unitId: SUBTREE } },
      { action: 'read', subject: 'User', conditions: { id: '${user.id}' } },
      { action: 'read', subject: 'Role' },
      { action: 'assign', subject: 'Role', conditions: { code: { $in: OFFICER_ROLES }, unitId: SUBTREE } },
      { action: 'read', subject: 'AuditLog', conditions: { unitId: SUBTREE } },
      { action: 'read', subject: 'Holiday' },
      ownReports,
    ],
  },
  {
    code: ROLE_CODES.systemAdmin,
    name: 'Quản trị hệ thống',
    description: 'Procedures, holidays and permissions everywhere',
    rules: [{ action: 'manage', subject: 'all' }],
  },
  {
    code: ROLE_CODES.externalWorker,
    name: 'Tiến trình tự động',
    description: 'External task worker (an API key): fetches, completes and fails external tasks; narrow it with a condition on topic',
    rules: [{ action: ['read', 'complete'], subject: 'ExternalTask' }],
  },
];

export interface DemoUnit {
  readonly code: string;
  readonly name: string;
  readonly kind: UnitKind;
  readonly parent: string | null;
}

/** Codes are unit e-IDs (the dossier code's first part). */
export const DEMO_UNITS: readonly DemoUnit[] = [
  { code: '000.00.00.H40', name: 'UBND tỉnh Nghệ An', kind: 'province', parent: null },
  { code: '000.00.10.H40', name: 'Sở Tư pháp', kind: 'department', parent: '000.00.00.H40' },
  { code: '000.10.10.H40', name: 'Phòng Hành chính tư pháp', kind: 'division', parent: '000.00.10.H40' },
  { code: '000.00.11.H40', name: 'Sở Xây dựng', kind: 'department', parent: '000.00.00.H40' },
  { code: '000.10.11.H40', name: 'Phòng Quản lý xây dựng', kind: 'division', parent: '000.00.11.H40' },
  { code: '000.00.12.H40', name: 'Sở Nông nghiệp và Môi trường', kind: 'department', parent: '000.00.00.H40' },
  { code: '000.10.12.H40', name: 'Văn phòng Đăng ký đất đai', kind: 'division', parent: '000.00.12.H40' },
  { code: '000.00.20.H40', name: 'UBND xã Hưng Nguyên', kind: 'commune', parent: '000.00.00.H40' },
  { code: '000.10.20.H40', name: 'Phòng Kinh tế xã Hưng Nguyên', kind: 'division', parent: '000.00.20.H40' },
  { code: '000.00.21.H40', name: 'UBND phường Vinh Hưng', kind: 'commune', parent: '000.00.00.H40' },
  { code: '000.10.21.H40', name: 'Phòng Kinh tế phường Vinh Hưng', kind: 'division', parent: '000.00.21.H40' },
];

export const DEMO_PASSWORD = 'motcua-demo';

export interface DemoUser {
  readonly username: string;
  readonly displayName: string;
  readonly unit: string;
  readonly role: string;
}

/** One user per role: the officers of commune Hưng Nguyên, the analyst and the system admin at the province. */
export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'motcua1', displayName: 'Nguyễn Thị Một Cửa', unit: '000.00.20.H40', role: ROLE_CODES.oneStop },
  { username: 'chuyenvien1', displayName: 'Trần Văn Chuyên', unit: '000.10.20.H40', role: ROLE_CODES.specialist },
  { username: 'truongphong1', displayName: 'Lê Văn Trưởng', unit: '000.10.20.H40', role: ROLE_CODES.headOfDivision },
  { username: 'lanhdao1', displayName: 'Phạm Văn Lãnh', unit: '000.00.20.H40', role: ROLE_CODES.leader },
  { username: 'vanthu1', displayName: 'Hoàng Thị Văn', unit: '000.00.20.H40', role: ROLE_CODES.clerk },
  { username: 'phantich1', displayName: 'Đỗ Văn Phân', unit: '000.00.00.H40', role: ROLE_CODES.analyst },
  { username: 'quantri.xa1', displayName: 'Vũ Thị Quản', unit: '000.00.20.H40', role: ROLE_CODES.unitAdmin },
  { username: 'admin', displayName: 'Quản trị hệ thống', unit: '000.00.00.H40', role: ROLE_CODES.systemAdmin },
];
