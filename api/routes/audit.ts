/** GET /api/audit: the append-only log of admin changes the caller may read, newest first, filtered in SQL. */
import { defineRoute } from '../http/route.js';
import { accessibleWhere } from '../auth/sql-filter.js';
import { AUDIT_COLUMNS, listAudit } from '../store/audit.js';
import { page, paging, type Paging } from './common.js';

const list = defineRoute<
  Record<string, never>,
  Paging & { subject?: string; subjectId?: string; actor?: string; since?: string; until?: string }
>({
  method: 'get',
  path: '/api/audit',
  summary: 'Audit log of admin changes (who, what, when, before and after)',
  tags: ['audit'],
  permission: { action: 'read', subject: 'AuditLog' },
  query: {
    type: 'object',
    additionalProperties: false,
    properties: {
      subject: { type: 'string', maxLength: 32 },
      subjectId: { type: 'string', maxLength: 128 },
      actor: { type: 'string', maxLength: 128 },
      since: { type: 'string', format: 'date-time' },
      until: { type: 'string', format: 'date-time' },
      ...paging,
    },
  },
  response: page({
    type: 'object',
    properties: {
      seq: { type: 'integer' },
      at: { type: 'string' },
      actor: { type: 'string' },
      actorKind: { type: 'string' },
      action: { type: 'string' },
      subject: { type: 'string' },
      subjectId: { type: 'string' },
      unitId: { type: ['string', 'null'] },
      before: {},
      after: {},
      requestId: { type: ['string', 'null'] },
    },
  }),
  async handler({ query, ability, services }) {
    return listAudit(services.sql, accessibleWhere(ability, 'read', 'AuditLog', AUDIT_COLUMNS), query);
  },
});

export default [list];
