// <option>s for the category tree: top-level categories, their children indented.
import type { TransactionsPageQuery } from '../../gql/graphql';

type Categories = TransactionsPageQuery['categories'];

export function CategoryOptions({ categories, kind }: { categories: Categories; kind?: 'INCOME' | 'EXPENSE' }) {
  const shown = kind ? categories.filter((c) => c.kind === kind) : categories;
  return (
    <>
      {shown.map((parent) => (
        <optgroup key={parent.id} label={`${parent.name} (${parent.kind === 'INCOME' ? 'income' : 'expense'})`}>
          <option value={parent.id}>{parent.name}</option>
          {parent.children.map((child) => (
            <option key={child.id} value={child.id}>
              {`${parent.name} / ${child.name}`}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}
