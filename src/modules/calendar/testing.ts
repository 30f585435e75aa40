/**
 * A WorkingCalendar built straight from the shipped reference files, exactly as the reference seed stores
 * them (announced years as announced, the other baseline years derived). For tests and benchmarks.
 */
import path from 'node:path';
import { projectRoot } from '../../platform/config.ts';
import { planReferenceLoad } from './domain/schedule.ts';
import { WorkingCalendar } from './domain/working-calendar.ts';
import { loadHolidayReference } from './reference.ts';
import type { CalendarSettings } from './types.ts';

export const REFERENCE_HOLIDAYS_DIR = path.join(projectRoot, 'reference', 'holidays');

export function referenceCalendar(settings: Partial<CalendarSettings> = {}, dir = REFERENCE_HOLIDAYS_DIR): WorkingCalendar {
  const ref = loadHolidayReference(dir);
  if (!ref) throw new Error(`no holiday reference data in ${dir}`);
  const loads = planReferenceLoad(new Map(), ref);
  return new WorkingCalendar({ days: loads.flatMap((l) => l.days), coveredYears: loads.map((l) => l.year), settings });
}
