/**
 * Attendance: hosts, facilitators, callers and organisers check members in at the door
 * (`attendance:check_in`); facilitators, callers and organisers mark a session afterwards
 * (`attendance:mark`); organisers undo a wrong door check-in (`attendance:correct`). The attendance
 * page shows its figures to evaluators too (`attendance:summary`); member by member, with names and
 * its CSV, only to those with `attendance:view`.
 */
import { needs, type Route } from '../../routing.ts';
import {
  downloadCsv,
  showAttendance,
  showCheckIn,
  showMarks,
  showPersonCheckIn,
  submitCheckIn,
  submitMarks,
  submitUndo,
} from './handlers.tsx';

const base = '/a/:assemblyId/attendance';
const session = `${base}/sessions/:sessionId`;
const door = '/a/:assemblyId/check-in';

export const attendanceRoutes: Route[] = [
  {
    method: 'GET',
    path: base,
    tab: { key: 'attendance', phase: 'learning' },
    access: needs('attendance:summary'),
    handler: showAttendance,
  },
  { method: 'GET', path: `${base}/export.csv`, access: needs('attendance:view'), handler: downloadCsv },
  { method: 'GET', path: session, access: needs('attendance:mark'), handler: showMarks },
  { method: 'POST', path: session, access: needs('attendance:mark'), handler: submitMarks },
  { method: 'POST', path: `${session}/undo`, access: needs('attendance:correct'), handler: submitUndo },
  { method: 'GET', path: door, access: needs('attendance:check_in'), handler: showCheckIn },
  { method: 'POST', path: door, access: needs('attendance:check_in'), handler: submitCheckIn },
  {
    method: 'GET',
    path: `${door}/person/:personId`,
    access: needs('attendance:check_in'),
    handler: showPersonCheckIn,
  },
];
