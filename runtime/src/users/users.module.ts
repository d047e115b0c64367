import type { ModuleFactory } from '../app/RuntimeModule';
import { membershipRoutes } from './memberships.route';
import { userRoutes } from './users.route';

/** Users and memberships (scoped administration, no privilege escalation). */
export const usersModule: ModuleFactory = (deps) => ({
  name: 'users',
  routes: [...userRoutes(deps), ...membershipRoutes(deps)],
});
