import type { Route } from '../routing.ts';

export const adminRoutes: Route[] = [];
