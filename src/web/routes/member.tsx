import type { Route } from '../routing.ts';

export const memberRoutes: Route[] = [];
