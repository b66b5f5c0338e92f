import type { Route } from '../routing.ts';

export const registrationRoutes: Route[] = [];
