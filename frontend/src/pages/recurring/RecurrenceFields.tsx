// The "when" part of the recurring form: how often, every how many, the weekdays of a
// weekly schedule, the day of a monthly one, the start and the optional end or count.
import { Field } from '../../components/Field';
import type { RecurrenceFrequency, Weekday } from '../../gql/graphql';
import { WEEKDAYS, type ScheduleFormValues } from './scheduleForm';

const FREQUENCIES: [RecurrenceFrequency, string][] = [
  ['DAILY', 'Daily'],
  ['WEEKLY', 'Weekly'],
  ['MONTHLY', 'Monthly'],
  ['YEARLY', 'Yearly'],
];

interface Props {
  values: ScheduleFormValues;
  set: (change: Partial<ScheduleFormValues>) => void;
  error: (name: string) => string | null | undefined;
}

export function RecurrenceFields({ values: v, set, error }: Props) {
  function toggle(day: Weekday, on: boolean) {
    const chosen = new Set(v.weekdays);
    if (on) chosen.add(day);
    else chosen.delete(day);
    set({ weekdays: WEEKDAYS.map(([d]) => d).filter((d) => chosen.has(d)) });
  }
  return (
    <>
      <Field label="Repeats">
        <select value={v.frequency} onChange={(e) => set({ frequency: e.target.value as RecurrenceFrequency })}>
          {FREQUENCIES.map(([value, label]) => (
            <option key={value} value={value}>{label}</option>
          ))}
        </select>
      </Field>
      <Field label="Every" error={error('every')}>
        <input type="number" min={1} max={1000} value={v.every} onChange={(e) => set({ every: e.target.value })} />
      </Field>
      {v.frequency === 'WEEKLY' && (
        <fieldset className="weekday-row" aria-describedby={error('weekdays') ? 'weekdays-error' : undefined}>
          <legend>On (none: the start&apos;s weekday)</legend>
          {WEEKDAYS.map(([day, label]) => (
            <label key={day} className="check">
              <input type="checkbox" checked={v.weekdays.includes(day)} onChange={(e) => toggle(day, e.target.checked)} /> {label}
            </label>
          ))}
          {error('weekdays') && <small id="weekdays-error" className="field-error">{error('weekdays')}</small>}
        </fieldset>
      )}
      {v.frequency === 'MONTHLY' && (
        <>
          <label className="check">
            <input type="checkbox" checked={v.lastDay} onChange={(e) => set({ lastDay: e.target.checked })} /> On the last day of the month
          </label>
          {!v.lastDay && (
            <Field label="Day of the month" hint="Empty: the start's day" error={error('monthDay')}>
              <input type="number" min={1} max={31} value={v.monthDay} onChange={(e) => set({ monthDay: e.target.value })} />
            </Field>
          )}
        </>
      )}
      <Field label="Starts" error={error('start')}>
        <input type="date" value={v.start} onChange={(e) => set({ start: e.target.value })} />
      </Field>
      <Field label="Ends on (optional)" error={error('end')}>
        <input type="date" value={v.end} onChange={(e) => set({ end: e.target.value })} />
      </Field>
      <Field label="After how many times (optional)" error={error('count')}>
        <input type="number" min={1} value={v.count} onChange={(e) => set({ count: e.target.value })} />
      </Field>
    </>
  );
}
