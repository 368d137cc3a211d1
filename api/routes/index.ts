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
import deployments from './deployments.js';
import processDefinitions from './process-definitions.js';
import forms from './forms.js';
import processInstances from './process-instances.js';
import tasks from './tasks.js';
import messages from './messages.js';
import externalTasks from './external-tasks.js';
import incidents from './incidents.js';
import holidays from './holidays.js';
import modeler from './modeler.js';

export const ROUTES: readonly Route[] = [
  ...health,
  ...auth,
  ...units,
  ...users,
  ...roles,
  ...apiKeys,
  ...audit,
  ...deployments,
  ...processDefinitions,
  ...forms,
  ...processInstances,
  ...tasks,
  ...messages,
  ...externalTasks,
  ...incidents,
  ...holidays,
  ...modeler,
];
