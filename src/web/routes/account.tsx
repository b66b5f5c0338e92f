import type { Route } from '../routing.ts';

export const accountRoutes: Route[] = [];
