/**
 * Every route of the API, one file per resource. To add a resource: write routes/<resource>.ts
 * exporting an array of defineRoute(...) objects as default, and add it here; the registry mounts
 * it and the OpenAPI document lists it.
 */
import type { Route } from '../http/route.js';
import health from './health.js';
import auth from './auth.js';
import units from './units.js';
import users from './users.js';
import roles from './roles.js';
import apiKeys from './api-keys.js';
import audit from './audit.js';

export const ROUTES: readonly Route[] = [...health, ...auth, ...units, ...users, ...roles, ...apiKeys, ...audit];
