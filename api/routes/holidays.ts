/**
 * The working-time calendar: the holiday table of a year (public holidays, substitute days off,
 * swapped working days; pre-filled from date-holidays and the Labour Code, then admin-edited) and
 * the working-time configuration (periods, weekdays, day length, receipt cut-off). Edits count for
 * deadlines computed afterwards, not for those already stored.
 *
 * Permissions on Holiday (condition field `kind`): `read` for the table and the configuration (every
 * seeded staff role), `create` / `update` (with `replace`) / `delete` for entries of that kind, and
 * `update` on every Holiday for the configuration (the system admin).
 *
 * Every change is recorded in the audit log. The engine changes the calendar in its own
 * transaction, so the audit entry is written right after it, not in the same transaction.
 */
import { InvalidInputError, type Engine } from '../../engine/index.js';
import { defineRoute } from '../http/route.js';
import { conflict, forbidden, notFound, unprocessable, type HttpProblem } from '../errors/problem.js';
import { can } from '../auth/ability.js';
import { text } from './common.js';
import { unrestricted } from '../auth/access-filter.js';

const KINDS = ['public-holiday', 'substitute-day-off', 'swapped-working-day'] as const;
type Kind = (typeof KINDS)[number];
const dateSchema = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'A local date YYYY-MM-DD' } as const;
const clockSchema = { type: 'string', pattern: '^[0-9]{2}:[0-9]{2}$', description: "Local wall-clock time 'HH:MM'" } as const;

interface HolidayJson {
  readonly date: string;
  readonly kind: Kind;
  readonly name: string;
  readonly source: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

const holidaySchema = {
  type: 'object',
  properties: {
    date: { type: 'string' },
    kind: { enum: KINDS },
    name: { type: 'string' },
    source: { enum: ['date-holidays', 'labour-code', 'admin'] },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;

function holidayJson(row: { date: string; kind: string; name: string; source: string; createdAt: Date; updatedAt: Date }): HolidayJson {
  return {
    date: row.date,
    kind: row.kind as Kind,
    name: row.name,
    source: row.source,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/** The entry of a date, if it has one. */
async function entryOf(engine: Engine, date: string): Promise<HolidayJson | undefined> {
  let rows;
  try {
    rows = await engine.listHolidays(Number(date.slice(0, 4)));
  } catch (error) {
    if (error instanceof InvalidInputError && error.field === 'year') throw new InvalidInputError('date', `${date} is not in a year the calendar keeps`);
    throw error;
  }
  const row = rows.find((entry) => entry.date === date);
  return row ? holidayJson(row) : undefined;
}

/** The engine's InvalidInputError as a 422 naming the field as a JSON pointer under `prefix` ('/body'). */
function invalid(error: InvalidInputError, prefix: string): HttpProblem {
  const reason = error.message.startsWith(`${error.field}: `) ? error.message.slice(error.field.length + 2) : error.message;
  const field = `${prefix}/${error.field.replace(/\[(\d+)\]/g, '.$1').split('.').join('/')}`;
  return unprocessable('invalid-input', error.message, [{ field, message: reason }]);
}

/** The engine says 'date' for a date that does not parse and for one that has (or lacks) an entry: tell them apart. */
const isDateProblem = (error: unknown): boolean => error instanceof InvalidInputError && error.field === 'date';

const list = defineRoute<Record<string, never>, { year: number }>({
  method: 'get',
  path: '/api/holidays',
  summary: "A year's holidays, substitute days off and swapped working days, in date order",
  tags: ['holidays'],
  permission: { action: 'read', subject: 'Holiday' },
  query: {
    type: 'object',
    required: ['year'],
    additionalProperties: false,
    properties: { year: { type: 'integer', minimum: 1976, maximum: 2999 } },
  },
  response: { type: 'object', properties: { items: { type: 'array', items: holidaySchema } } },
  async handler({ query, ability, services }) {
    const rows = (await services.engine.listHolidays(query.year)).map(holidayJson);
    const all = unrestricted(ability, 'read', 'Holiday');
    return { items: all ? rows : rows.filter((row) => can(ability, 'read', 'Holiday', { kind: row.kind })) };
  },
});

interface AddHoliday {
  date: string;
  kind: Kind;
  name: string;
  replace?: boolean;
}

const add = defineRoute<Record<string, never>, Record<string, never>, AddHoliday>({
  method: 'post',
  path: '/api/holidays',
  summary: 'Add a day off or a swapped working day',
  description:
    'A substitute day off must fall on a working weekday, a swapped working day on a non-working one (422). ' +
    'A date that has an entry already is a 409 `holiday-exists` unless `replace` is true.',
  tags: ['holidays'],
  permission: { action: 'create', subject: 'Holiday' },
  status: 201,
  body: {
    type: 'object',
    required: ['date', 'kind', 'name'],
    additionalProperties: false,
    properties: { date: dateSchema, kind: { enum: KINDS }, name: text(200), replace: { type: 'boolean' } },
  },
  response: holidaySchema,
  problems: [409, 422],
  async handler({ body, ability, services, audit }) {
    if (!can(ability, 'create', 'Holiday', { kind: body.kind })) throw forbidden(`You may not add entries of kind '${body.kind}'`);
    const { engine } = services;
    const exists = () => conflict('holiday-exists', `${body.date} has an entry already; remove it first, or send replace: true`, [{ field: '/body/date', message: 'has an entry' }]);
    let before: HolidayJson | undefined;
    try {
      before = await entryOf(engine, body.date);
    } catch (error) {
      if (error instanceof InvalidInputError) throw invalid(error, '/body');
      throw error;
    }
    if (before && body.replace !== true) throw exists();
    if (before && !can(ability, 'update', 'Holiday', { kind: before.kind })) throw forbidden(`You may not replace an entry of kind '${before.kind}'`);
    let row: HolidayJson;
    try {
      row = holidayJson(await engine.addHoliday({ date: body.date, kind: body.kind, name: body.name }, { replace: body.replace === true }));
    } catch (error) {
      if (isDateProblem(error) && body.replace !== true && (await entryOf(engine, body.date))) throw exists(); // added meanwhile
      if (error instanceof InvalidInputError) throw invalid(error, '/body');
      throw error;
    }
    await services.sql.transaction((sql) =>
      audit(sql, { action: before ? 'replace' : 'create', subject: 'Holiday', subjectId: row.date, unitId: null, ...(before ? { before } : {}), after: row }),
    );
    return row;
  },
});

const remove = defineRoute<{ date: string }>({
  method: 'delete',
  path: '/api/holidays/{date}',
  summary: 'Remove the entry of a date',
  tags: ['holidays'],
  permission: { action: 'delete', subject: 'Holiday' },
  params: { type: 'object', required: ['date'], additionalProperties: false, properties: { date: dateSchema } },
  problems: [404, 422],
  async handler({ params, ability, services, audit }) {
    const { engine } = services;
    let before: HolidayJson | undefined;
    try {
      before = await entryOf(engine, params.date);
    } catch (error) {
      if (error instanceof InvalidInputError) throw invalid(error, '/params');
      throw error;
    }
    if (!before) throw notFound('holiday', params.date);
    if (!can(ability, 'delete', 'Holiday', { kind: before.kind })) throw forbidden(`You may not remove entries of kind '${before.kind}'`);
    try {
      await engine.removeHoliday(params.date);
    } catch (error) {
      if (isDateProblem(error)) throw notFound('holiday', params.date); // removed meanwhile
      throw error;
    }
    await services.sql.transaction((sql) => audit(sql, { action: 'delete', subject: 'Holiday', subjectId: params.date, unitId: null, before }));
    return undefined;
  },
});

const workingTimeSchema = {
  type: 'object',
  properties: {
    timeZone: { type: 'string', description: "A fixed-offset zone: 'Asia/Ho_Chi_Minh', 'UTC' or '+HH:MM'" },
    workingPeriods: {
      type: 'array',
      items: { type: 'object', required: ['start', 'end'], additionalProperties: false, properties: { start: clockSchema, end: clockSchema } },
    },
    workingWeekdays: { type: 'array', items: { type: 'integer' }, description: 'ISO weekdays, 1 = Monday … 7 = Sunday' },
    workingDayHours: { type: 'number' },
    receiptCutoff: clockSchema,
  },
} as const;

const getWorkingTime = defineRoute({
  method: 'get',
  path: '/api/working-time',
  summary: 'The working-time configuration in effect',
  tags: ['holidays'],
  permission: { action: 'read', subject: 'Holiday' },
  response: workingTimeSchema,
  async handler({ services }) {
    return services.engine.getWorkingTimeConfig();
  },
});

const setWorkingTime = defineRoute<Record<string, never>, Record<string, never>, Record<string, unknown>>({
  method: 'put',
  path: '/api/working-time',
  summary: 'Change fields of the working-time configuration (the others stay)',
  description: 'Values that break the rules (overlapping periods, a weekday 8, an unsupported zone…) are a 422 naming the field.',
  tags: ['holidays'],
  permission: { action: 'update', subject: 'Holiday' },
  body: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: {
      timeZone: { type: 'string', minLength: 1, maxLength: 64 },
      workingPeriods: { ...workingTimeSchema.properties.workingPeriods, minItems: 1, maxItems: 12 },
      workingWeekdays: { type: 'array', minItems: 1, maxItems: 7, uniqueItems: true, items: { type: 'integer' } },
      workingDayHours: { type: 'number' },
      receiptCutoff: clockSchema,
    },
  },
  response: workingTimeSchema,
  problems: [422],
  async handler({ body, ability, services, audit }) {
    if (!unrestricted(ability, 'update', 'Holiday')) throw forbidden('Changing the working time needs permission on every kind of holiday entry');
    const before = services.engine.getWorkingTimeConfig();
    let after;
    try {
      after = await services.engine.setWorkingTimeConfig(body);
    } catch (error) {
      if (error instanceof InvalidInputError) throw invalid(error, '/body');
      throw error;
    }
    await services.sql.transaction((sql) => audit(sql, { action: 'update', subject: 'WorkingTime', subjectId: 'working-time', unitId: null, before, after }));
    return after;
  },
});

export default [list, add, remove, getWorkingTime, setWorkingTime];
