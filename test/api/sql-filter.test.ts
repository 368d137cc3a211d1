/**
 * Feature: permission rules as SQL. For rule sets with conditions, inverted rules, placeholders and
 * every operator, the rows the SQL filter returns from the database are exactly the rows CASL
 * itself allows, one by one; no rule means no row; the rule checks name each bad field.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { closeApp, createApp } from '../../api/app.js';
import { createSql, type Sql } from '../../api/store/sql.js';
import { accessibleWhere, type ColumnMapping } from '../../api/auth/sql-filter.js';
import { buildAbility, can, type Grant, type StoredRule } from '../../api/auth/ability.js';
import { validateRules } from '../../api/auth/rule-validation.js';
import { accessFilterOf } from '../../api/auth/access-filter.js';
import { unitLinks, UNIT_COLUMNS } from '../../api/store/units.js';
import { startTestEngine, type TestEngine } from '../support/test-engine.js';
import { silentLogger, TEST_JWT_SECRET, TEST_SCRYPT_COST } from '../support/api-app.js';

interface UnitRow {
  id: string;
  code: string;
  kind: string;
  parent_id: string | null;
}

describe('Feature: permission rules filter lists in SQL', () => {
  let t: TestEngine;
  let sql: Sql;
  let rows: UnitRow[];
  const byCode = (code: string) => rows.find((r) => r.code === code)!.id;

  beforeAll(async () => {
    t = await startTestEngine();
    await closeApp(await createApp(t.engine, { clock: t.clock, jwtSecret: TEST_JWT_SECRET, scryptCost: TEST_SCRYPT_COST, logger: silentLogger }));
    sql = createSql(t.engine.sequelize, (work) => t.engine.runExclusive(work));
    rows = await sql.select<UnitRow>('SELECT id, code, kind, parent_id FROM units ORDER BY code');
  });
  afterAll(() => t.close());

  const ability = (rules: StoredRule[], unitCode = '000.00.20.H40') =>
    buildAbility({
      userId: 'u1',
      username: 'someone',
      grants: [{ roleCode: 'r', unitId: byCode(unitCode), rules } satisfies Grant],
      unitLinks: () => unitLinks(sql),
    });

  async function filtered(rules: StoredRule[], columns: ColumnMapping = UNIT_COLUMNS): Promise<string[]> {
    const where = accessibleWhere(await ability(rules), 'read', 'Unit', columns);
    return (await sql.select<{ code: string }>(`SELECT u.code FROM units u WHERE ${where.sql} ORDER BY u.code`, where.replacements)).map((r) => r.code);
  }

  async function allowedInMemory(rules: StoredRule[]): Promise<string[]> {
    const a = await ability(rules);
    return rows.filter((r) => can(a, 'read', 'Unit', { id: r.id, parentId: r.parent_id, kind: r.kind })).map((r) => r.code);
  }

  const RULE_SETS: Array<[string, StoredRule[]]> = [
    ['no rules', []],
    ['everything', [{ action: 'read', subject: 'Unit' }]],
    ['manage all', [{ action: 'manage', subject: 'all' }]],
    ['another subject only', [{ action: 'read', subject: 'User' }]],
    ['own subtree', [{ action: 'read', subject: 'Unit', conditions: { id: { $in: '${unit.subtreeIds}' } } }]],
    ['own unit', [{ action: 'read', subject: 'Unit', conditions: { id: '${unit.id}' } }]],
    ['a kind', [{ action: 'read', subject: 'Unit', conditions: { kind: 'division' } }]],
    ['not a kind', [{ action: 'read', subject: 'Unit', conditions: { kind: { $ne: 'division' } } }]],
    ['kinds not in', [{ action: 'read', subject: 'Unit', conditions: { kind: { $nin: ['division', 'commune'] } } }]],
    ['top level (null parent)', [{ action: 'read', subject: 'Unit', conditions: { parentId: null } }]],
    ['has a parent', [{ action: 'read', subject: 'Unit', conditions: { parentId: { $ne: null } } }]],
    ['parent in list with null', [{ action: 'read', subject: 'Unit', conditions: { parentId: { $in: [null, '${unit.id}'] } } }]],
    ['empty list', [{ action: 'read', subject: 'Unit', conditions: { id: { $in: [] } } }]],
    [
      'everything but a kind (inverted)',
      [
        { action: 'read', subject: 'Unit' },
        { action: 'read', subject: 'Unit', conditions: { kind: 'department' }, inverted: true },
      ],
    ],
    [
      'two grants OR-ed, minus own unit',
      [
        { action: 'read', subject: 'Unit', conditions: { kind: 'department' } },
        { action: 'read', subject: 'Unit', conditions: { id: { $in: '${unit.subtreeIds}' } } },
        { action: 'read', subject: 'Unit', conditions: { id: '${unit.id}' }, inverted: true },
      ],
    ],
    ['two fields AND-ed', [{ action: 'read', subject: 'Unit', conditions: { kind: 'division', parentId: '${unit.id}' } }]],
    ['an inverted rule alone', [{ action: 'read', subject: 'Unit', conditions: { kind: 'department' }, inverted: true }]],
    ['hostile value', [{ action: 'read', subject: 'Unit', conditions: { kind: "division' OR '1'='1" } }]],
  ];

  for (const [name, rules] of RULE_SETS) {
    it(`Scenario: ${name} — SQL returns exactly what CASL allows`, async () => {
      const expected = await allowedInMemory(rules);
      expect(await filtered(rules)).toEqual(expected);
    });
  }

  it('Scenario: the sets above are not trivial', async () => {
    expect(await filtered([])).toEqual([]);
    expect(await filtered([{ action: 'read', subject: 'Unit', conditions: { id: { $in: '${unit.subtreeIds}' } } }])).toEqual(['000.00.20.H40', '000.10.20.H40']);
    expect((await filtered([{ action: 'read', subject: 'Unit' }])).length).toBe(rows.length);
  });

  it('Scenario: a field mapped to a function or to NULL', async () => {
    const columns: ColumnMapping = {
      ...UNIT_COLUMNS,
      kind: (operator, value, param) => (operator === 'eq' ? `lower(u.kind) = lower(${param(value)})` : '1=0'),
      id: 'NULL',
    };
    expect(await filtered([{ action: 'read', subject: 'Unit', conditions: { kind: 'DIVISION' } }], columns)).toHaveLength(5);
    // NULL makes the condition unknown: no rows, also under an inverted rule
    expect(await filtered([{ action: 'read', subject: 'Unit', conditions: { id: 'x' } }], columns)).toEqual([]);
    expect(
      await filtered(
        [
          { action: 'read', subject: 'Unit', conditions: { kind: 'division' } },
          { action: 'read', subject: 'Unit', conditions: { id: 'x' }, inverted: true },
        ],
        columns,
      ),
    ).toEqual([]);
    const unmapped = await ability([{ action: 'read', subject: 'Unit', conditions: { kind: 'division' } }]);
    expect(() => accessibleWhere(unmapped, 'read', 'Unit', { id: 'u.id' })).toThrow('No SQL column is mapped for Unit.kind');
  });

  it('Scenario: rule checks accept the seeded style and name each bad field', () => {
    expect(validateRules([{ action: ['read', 'claim'], subject: 'Task', conditions: { unitCode: { $in: '${unit.subtreeCodes}' }, candidateGroups: '${role.code}' } }])).toEqual([]);
    expect(validateRules([{ action: 'read', subject: ['User', 'Unit'], conditions: { unitId: 'x' } }])).toEqual([
      { field: '/body/rules/0/conditions/unitId', message: expect.stringContaining("'unitId' is not a condition field of Unit") },
    ]);
    expect(validateRules([{ action: 'manage', subject: 'all', conditions: { id: 1 } }])).toHaveLength(1);
    expect(validateRules([{ action: 'read', subject: 'User', conditions: { id: { $eq: '${unit.subtreeIds}' } } }])).toEqual([
      { field: '/body/rules/0/conditions/id/$eq', message: "'${unit.subtreeIds}' is a list: use it under $in or $nin" },
    ]);
    expect(validateRules([{ action: 'read', subject: 'User', conditions: { id: {} } }])).toHaveLength(1);
  });
});

describe('Feature: permission rules as access-filter data (for the engine queries)', () => {
  const grant = (rules: StoredRule[]): Grant[] => [{ roleCode: 'chuyen_vien', unitId: 'unit-a', rules }];
  const abilityOf = (rules: StoredRule[]) => buildAbility({ userId: 'u1', username: 'cv1', grants: grant(rules), unitLinks: async () => [{ id: 'unit-a', code: 'A', parentId: null }, { id: 'unit-b', code: 'A.B', parentId: 'unit-a' }] });

  it('Scenario: seeded-style task rules become anyOf clauses with placeholders resolved', async () => {
    const ability = await abilityOf([
      { action: ['read', 'claim'], subject: 'Task', conditions: { unitCode: { $in: '${unit.subtreeCodes}' }, candidateGroups: '${role.code}' } },
      { action: 'read', subject: 'Task', conditions: { assignee: { $eq: '${user.username}' } } },
    ]);
    expect(accessFilterOf(ability, 'read', 'Task')).toEqual({
      anyOf: [{ assignee: 'cv1' }, { unitCode: { $in: ['A', 'A.B'] }, candidateGroups: 'chuyen_vien' }],
      noneOf: [],
    });
    expect(accessFilterOf(ability, 'complete', 'Task')).toEqual({ anyOf: [], noneOf: [] });
  });

  it('Scenario: an unconditional rule lifts the restriction, an unconditional cannot closes it, cannot clauses bound', async () => {
    expect(accessFilterOf(await abilityOf([{ action: 'manage', subject: 'all' }]), 'read', 'Task')).toEqual({ noneOf: [] });
    const bounded = await abilityOf([
      { action: 'read', subject: 'Task' },
      { action: 'read', subject: 'Task', conditions: { unitCode: 'A.B' }, inverted: true },
    ]);
    expect(accessFilterOf(bounded, 'read', 'Task')).toEqual({ noneOf: [{ unitCode: 'A.B' }] });
    const closed = await abilityOf([
      { action: 'read', subject: 'Task', conditions: { unitCode: 'A' } },
      { action: 'read', subject: 'Task', inverted: true },
    ]);
    expect(accessFilterOf(closed, 'read', 'Task')).toEqual({ anyOf: [], noneOf: [] });
  });
});
