import type { Route } from '../routing.ts';

export const importRoutes: Route[] = [];
