import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { RecurringPageQuery } from '../../gql/graphql';
import { fakeApi, session } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import { RecurringForm } from './RecurringForm';
import { buildInput, initialValues } from './scheduleForm';

type Schedule = RecurringPageQuery['recurringSchedules'][number];

const accounts: RecurringPageQuery['accounts'] = [
  { __typename: 'Account', id: 'a1', name: 'Checking', currency: 'USD', archived: false },
  { __typename: 'Account', id: 'a2', name: 'Savings', currency: 'USD', archived: false },
  { __typename: 'Account', id: 'a3', name: 'Euro account', currency: 'EUR', archived: false },
];
const categories: RecurringPageQuery['categories'] = [
  { __typename: 'Category', id: 'c1', name: 'Personal', kind: 'EXPENSE', children: [{ __typename: 'Category', id: 'c2', name: 'Groceries', kind: 'EXPENSE' }] },
];
const weekly: Schedule = {
  __typename: 'RecurringSchedule',
  id: 's1',
  amount: '-20.00',
  currency: 'USD',
  description: 'Grocery box',
  automatic: false,
  nextDate: '2026-12-07',
  toAmount: null,
  tags: ['home', 'weekly'],
  category: { __typename: 'Category', id: 'c2' },
  account: { __typename: 'Account', id: 'a1', name: 'Checking' },
  toAccount: null,
  recurrence: { __typename: 'Recurrence', frequency: 'WEEKLY', every: 2, weekdays: ['MONDAY', 'THURSDAY'], monthDay: null, lastDayOfMonth: false, start: '2026-12-01', end: '2027-06-30', count: 4 },
};

describe('scheduleForm', () => {
  it('sends back every field of an edited schedule unchanged', () => {
    const built = buildInput(initialValues(weekly, 'a1', '2026-12-06'), false);
    expect(built).toEqual({
      input: {
        accountId: 'a1',
        amount: '-20.00',
        description: 'Grocery box',
        automatic: false,
        categoryId: 'c2',
        tags: ['home', 'weekly'],
        toAccountId: null,
        toAmount: null,
        recurrence: { frequency: 'WEEKLY', every: 2, weekdays: ['MONDAY', 'THURSDAY'], monthDay: null, lastDayOfMonth: false, start: '2026-12-01', end: '2027-06-30', count: 4 },
      },
    });
  });

  it('a transfer between currencies needs the received amount, and has no category or tags', () => {
    const values = { ...initialValues(weekly, 'a1', '2026-12-06'), toAccountId: 'a3' };
    expect(buildInput(values, true)).toMatchObject({ field: 'toAmount' });
    expect(buildInput({ ...values, toAmount: '18.40' }, true)).toMatchObject({
      input: { amount: '20.00', toAccountId: 'a3', toAmount: '18.40', categoryId: null, tags: [] },
    });
  });
});

describe('RecurringForm', () => {
  it('edits a weekly schedule into a monthly one on the last day, keeping the rest', async () => {
    const api = fakeApi({
      UpdateRecurring: () => ({ body: { data: { updateRecurringSchedule: { __typename: 'RecurringSchedule', id: 's1' } } } }),
    });
    let done = false;
    renderApp(<RecurringForm accounts={accounts} categories={categories} editing={weekly} onDone={() => (done = true)} />, { fetch: api.fetch, session: session('t') });
    const user = userEvent.setup();

    expect(screen.getByLabelText('Mon')).toBeChecked();
    expect(screen.getByLabelText('Thu')).toBeChecked();
    expect(screen.getByLabelText('Tue')).not.toBeChecked();
    expect(screen.getByLabelText('Category')).toHaveValue('c2');
    expect(screen.getByLabelText('Tags')).toHaveValue('home, weekly');
    expect(screen.getByLabelText('After how many times (optional)')).toHaveValue(4);
    expect(screen.getByLabelText('Ends on (optional)')).toHaveValue('2027-06-30');

    await user.selectOptions(screen.getByLabelText('Repeats'), 'MONTHLY');
    expect(screen.queryByLabelText('Mon')).toBeNull();
    await user.click(screen.getByLabelText('On the last day of the month'));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await expect.poll(() => done).toBe(true);
    const sent = api.seen.find((r) => r.operationName === 'UpdateRecurring')?.variables as { id: string; input: Record<string, unknown> };
    expect(sent.id).toBe('s1');
    expect(sent.input).toMatchObject({
      categoryId: 'c2',
      tags: ['home', 'weekly'],
      automatic: false,
      recurrence: { frequency: 'MONTHLY', every: 2, weekdays: [], lastDayOfMonth: true, monthDay: null, end: '2027-06-30', count: 4 },
    });
  });

  it('asks for the received amount only for a transfer between currencies', async () => {
    const api = fakeApi({});
    renderApp(<RecurringForm accounts={accounts} categories={categories} editing={null} onDone={() => undefined} />, { fetch: api.fetch, session: session('t') });
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Transfer to'), 'a2');
    expect(screen.queryByLabelText(/Received amount/)).toBeNull();
    expect(screen.queryByLabelText('Category')).toBeNull();
    await user.selectOptions(screen.getByLabelText('Transfer to'), 'a3');
    await user.type(screen.getByLabelText('Amount sent'), '20');
    await user.click(screen.getByRole('button', { name: 'Add recurring' }));
    expect(await screen.findByText('Enter the amount that arrives, above zero.')).toBeInTheDocument();
    expect(screen.getByLabelText('Received amount (EUR)')).toHaveAttribute('aria-invalid', 'true');
  });
});
