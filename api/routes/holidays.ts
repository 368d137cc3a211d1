/** Routes of this resource: being written (issue 4). */
import type { Route } from '../http/route.js';

const routes: Route[] = [];
export default routes;
