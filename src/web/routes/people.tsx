import type { Route } from '../routing.ts';

export const peopleRoutes: Route[] = [];
