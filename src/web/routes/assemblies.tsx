import type { Route } from '../routing.ts';

export const assemblyRoutes: Route[] = [];
