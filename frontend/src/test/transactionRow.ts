// A transaction as the TransactionRow fragment answers it, for fake API answers and events.
export function transactionRow(id: string, description: string, amount: string) {
  return {
    __typename: 'Transaction',
    id,
    date: '2026-03-02',
    amount,
    currency: 'USD',
    description,
    notes: null,
    tags: [],
    transferId: null,
    account: { __typename: 'Account', id: 'a1', name: 'Checking' },
    category: null,
  };
}
