/**
 * Units (the tree: province → departments / communes → divisions): list and get what the caller
 * may read (filtered in SQL), create and update with the hierarchy kept sound. Every change is
 * audited in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { defineRoute } from '../http/route.js';
import { conflict, forbidden, unprocessable } from '../errors/problem.js';
import { accessibleWhere } from '../auth/sql-filter.js';
import { can } from '../auth/ability.js';
import { findUnit, findUnitByCode, insertUnit, listUnits, subtreeOf, unitLinks, updateUnit, UNIT_COLUMNS, UNIT_KINDS, type Unit, type UnitKind } from '../store/units.js';
import { isUniqueViolation, type Sql } from '../store/sql.js';
import { idParams, page, paging, text, uuid, visible, type Paging } from './common.js';

const unitSchema = {
  type: 'object',
  properties: {
    id: uuid,
    code: { type: 'string' },
    name: { type: 'string' },
    kind: { enum: UNIT_KINDS },
    parentId: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;

const codeSchema = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$', description: 'The unit e-ID, e.g. 000.00.20.H40' };

/** Which kinds of unit may sit under which. */
const PARENT_KINDS: Readonly<Record<UnitKind, readonly (UnitKind | null)[]>> = {
  province: [null],
  department: ['province'],
  commune: ['province'],
  division: ['department', 'commune'],
};

async function checkPlacement(sql: Sql, kind: UnitKind, parentId: string | null, field: string): Promise<void> {
  const parent = parentId === null ? undefined : await findUnit(sql, parentId);
  if (parentId !== null && !parent) throw unprocessable('unknown-parent', `Unit '${parentId}' does not exist`, [{ field, message: 'no such unit' }]);
  const parentKind = parent?.kind ?? null;
  if (!PARENT_KINDS[kind].includes(parentKind)) {
    throw unprocessable('invalid-unit-hierarchy', `A ${kind} cannot sit ${parentKind ? `under a ${parentKind}` : 'at the top'}`, [
      { field, message: `a ${kind} belongs under ${PARENT_KINDS[kind].map((k) => k ?? 'nothing').join(' or ')}` },
    ]);
  }
}

const list = defineRoute<Record<string, never>, Paging & { parentId?: string; kind?: string }>({
  method: 'get',
  path: '/api/units',
  summary: 'Units the caller may read',
  tags: ['units'],
  permission: { action: 'read', subject: 'Unit' },
  query: {
    type: 'object',
    additionalProperties: false,
    properties: { parentId: uuid, kind: { enum: UNIT_KINDS }, ...paging },
  },
  response: page(unitSchema),
  async handler({ query, ability, services }) {
    return listUnits(services.sql, accessibleWhere(ability, 'read', 'Unit', UNIT_COLUMNS), query);
  },
});

const get = defineRoute<{ id: string }>({
  method: 'get',
  path: '/api/units/{id}',
  summary: 'One unit',
  tags: ['units'],
  permission: { action: 'read', subject: 'Unit' },
  params: idParams,
  response: unitSchema,
  problems: [404],
  async handler({ params, ability, services }) {
    return visible(await findUnit(services.sql, params.id, accessibleWhere(ability, 'read', 'Unit', UNIT_COLUMNS)), 'unit', params.id);
  },
});

interface CreateUnit {
  code: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
}

const create = defineRoute<Record<string, never>, Record<string, never>, CreateUnit>({
  method: 'post',
  path: '/api/units',
  summary: 'Create a unit',
  tags: ['units'],
  permission: { action: 'create', subject: 'Unit' },
  status: 201,
  body: {
    type: 'object',
    required: ['code', 'name', 'kind', 'parentId'],
    additionalProperties: false,
    properties: { code: codeSchema, name: text(300), kind: { enum: UNIT_KINDS }, parentId: { anyOf: [uuid, { type: 'null' }] } },
  },
  response: unitSchema,
  problems: [409, 422],
  async handler({ body, ability, services, audit }) {
    if (!can(ability, 'create', 'Unit', { id: undefined, parentId: body.parentId, kind: body.kind })) throw forbidden('You may not create this unit here');
    try {
      return await services.sql.transaction(async (sql) => {
        await checkPlacement(sql, body.kind, body.parentId, '/body/parentId');
        if (await findUnitByCode(sql, body.code)) throw conflict('unit-code-taken', `A unit with code '${body.code}' exists`, [{ field: '/body/code', message: 'taken' }]);
        const unit = await insertUnit(sql, { id: randomUUID(), ...body }, services.clock.now());
        await audit(sql, { action: 'create', subject: 'Unit', subjectId: unit.id, unitId: unit.id, after: unit });
        return unit;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('unit-code-taken', `A unit with code '${body.code}' exists`);
      throw error;
    }
  },
});

const update = defineRoute<{ id: string }, Record<string, never>, Partial<CreateUnit>>({
  method: 'patch',
  path: '/api/units/{id}',
  summary: 'Rename, recode or move a unit',
  tags: ['units'],
  permission: { action: 'update', subject: 'Unit' },
  params: idParams,
  body: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: { code: codeSchema, name: text(300), parentId: { anyOf: [uuid, { type: 'null' }] } },
  },
  response: unitSchema,
  problems: [404, 409, 422],
  async handler({ params, body, ability, services, audit }) {
    const access = accessibleWhere(ability, 'read', 'Unit', UNIT_COLUMNS);
    try {
      return await services.sql.transaction(async (sql) => {
        const before: Unit = visible(await findUnit(sql, params.id, access), 'unit', params.id);
        if (!can(ability, 'update', 'Unit', { ...before })) throw forbidden('You may not change this unit');
        if (body.parentId !== undefined && body.parentId !== before.parentId) {
          if (body.parentId !== null && subtreeOf(await unitLinks(sql), before.id).includes(body.parentId)) {
            throw unprocessable('unit-cycle', 'A unit cannot move under itself or one of its own units', [{ field: '/body/parentId', message: 'inside this unit' }]);
          }
          await checkPlacement(sql, before.kind, body.parentId, '/body/parentId');
          if (!can(ability, 'update', 'Unit', { ...before, parentId: body.parentId })) throw forbidden('You may not move this unit there');
        }
        if (body.code !== undefined && body.code !== before.code && (await findUnitByCode(sql, body.code))) {
          throw conflict('unit-code-taken', `A unit with code '${body.code}' exists`, [{ field: '/body/code', message: 'taken' }]);
        }
        await updateUnit(sql, before.id, body, services.clock.now());
        const after = (await findUnit(sql, before.id))!;
        await audit(sql, { action: 'update', subject: 'Unit', subjectId: before.id, unitId: before.id, before, after });
        return after;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('unit-code-taken', `A unit with code '${String(body.code)}' exists`);
      throw error;
    }
  },
});

export default [list, get, create, update];
