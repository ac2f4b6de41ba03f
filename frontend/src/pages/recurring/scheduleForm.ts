// The recurring form's values as typed, read from a schedule being edited, and turned into
// the API's RecurringScheduleInput: every field the API offers goes back, so an edit keeps
// what the form did not touch (category, tags, end, count, transfer target…).
import type { RecurrenceFrequency, RecurringPageQuery, RecurringScheduleInput, Weekday } from '../../gql/graphql';
import { decimalInput } from '../../lib/money';

type Schedule = RecurringPageQuery['recurringSchedules'][number];

export interface ScheduleFormValues {
  accountId: string;
  /** '' for a transaction; an account id for a transfer. */
  toAccountId: string;
  /** Without a sign: "Money in" says which way a transaction goes. */
  amount: string;
  toAmount: string;
  moneyIn: boolean;
  description: string;
  categoryId: string;
  /** Comma-separated. */
  tags: string;
  frequency: RecurrenceFrequency;
  every: string;
  weekdays: Weekday[];
  /** '' for the start's day. */
  monthDay: string;
  lastDay: boolean;
  start: string;
  end: string;
  count: string;
  automatic: boolean;
}

export const WEEKDAYS: [Weekday, string][] = [
  ['MONDAY', 'Mon'],
  ['TUESDAY', 'Tue'],
  ['WEDNESDAY', 'Wed'],
  ['THURSDAY', 'Thu'],
  ['FRIDAY', 'Fri'],
  ['SATURDAY', 'Sat'],
  ['SUNDAY', 'Sun'],
];

/** A new schedule's values, or those of `editing`. */
export function initialValues(editing: Schedule | null, accountId: string, today: string): ScheduleFormValues {
  const r = editing?.recurrence;
  return {
    accountId: editing?.account.id ?? accountId,
    toAccountId: editing?.toAccount?.id ?? '',
    amount: editing ? editing.amount.replace(/^-/, '') : '',
    toAmount: editing?.toAmount ?? '',
    moneyIn: editing ? !editing.amount.startsWith('-') : false,
    description: editing?.description ?? '',
    categoryId: editing?.category?.id ?? '',
    tags: editing?.tags.join(', ') ?? '',
    frequency: r?.frequency ?? 'MONTHLY',
    every: String(r?.every ?? 1),
    weekdays: r?.weekdays ?? [],
    monthDay: r?.monthDay != null ? String(r.monthDay) : '',
    lastDay: r?.lastDayOfMonth ?? false,
    start: r?.start ?? today,
    end: r?.end ?? '',
    count: r?.count != null ? String(r.count) : '',
    automatic: editing?.automatic ?? true,
  };
}

/** A whole number as typed; NaN stays NaN so the API names the field that is wrong. */
function integer(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return /^-?\d+$/.test(trimmed) ? Number.parseInt(trimmed, 10) : Number.NaN;
}

export type Built = { input: RecurringScheduleInput } | { field: 'amount' | 'toAmount' | 'every' | 'monthDay' | 'count'; message: string };

/**
 * The API input for `v`, or the first field the dashboard can tell is wrong.
 * `currenciesDiffer`: a transfer between two currencies also says what arrives.
 */
export function buildInput(v: ScheduleFormValues, currenciesDiffer: boolean): Built {
  const amount = decimalInput(v.amount);
  if (!amount || amount.startsWith('-') || Number(amount) === 0) return { field: 'amount', message: 'Enter an amount above zero, e.g. 1250.00.' };
  const transfer = v.toAccountId !== '';
  let toAmount: string | null = null;
  if (transfer && currenciesDiffer) {
    toAmount = decimalInput(v.toAmount);
    if (!toAmount || toAmount.startsWith('-') || Number(toAmount) === 0) return { field: 'toAmount', message: 'Enter the amount that arrives, above zero.' };
  }
  const every = integer(v.every);
  if (every == null || Number.isNaN(every)) return { field: 'every', message: 'Enter a whole number, e.g. 1.' };
  const monthly = v.frequency === 'MONTHLY';
  const monthDay = monthly && !v.lastDay ? integer(v.monthDay) : null;
  if (monthDay != null && Number.isNaN(monthDay)) return { field: 'monthDay', message: 'Enter a day from 1 to 31, or leave it empty.' };
  const count = integer(v.count);
  if (count != null && Number.isNaN(count)) return { field: 'count', message: 'Enter a whole number, or leave it empty.' };
  const tags = v.tags
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  return {
    input: {
      accountId: v.accountId,
      amount: transfer || v.moneyIn ? amount : `-${amount}`,
      description: v.description,
      automatic: v.automatic,
      // A transfer has no category and no tags (the API refuses them).
      categoryId: transfer || v.categoryId === '' ? null : v.categoryId,
      tags: transfer ? [] : tags,
      toAccountId: transfer ? v.toAccountId : null,
      toAmount,
      recurrence: {
        frequency: v.frequency,
        every,
        weekdays: v.frequency === 'WEEKLY' ? v.weekdays : [],
        monthDay,
        lastDayOfMonth: monthly && v.lastDay,
        start: v.start,
        end: v.end === '' ? null : v.end,
        count,
      },
    },
  };
}
