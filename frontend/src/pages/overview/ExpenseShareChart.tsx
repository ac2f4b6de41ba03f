// Where the period's money went: each top-level expense category's share as a donut and a
// list with the API's exact amounts and percentages, each category in its own fixed colour;
// a category opens to its sub-categories and links to its transactions.
import { useState } from 'react';
import { Link } from 'react-router';
import { Cell, Pie, PieChart, ResponsiveContainer, Tooltip } from 'recharts';
import type { SpendingLineFieldsFragment } from '../../gql/graphql';
import { categoryColor, TOOLTIP_ITEM_STYLE, TOOLTIP_STYLE } from '../../lib/charts';
import { formatMoney, formatPercent, toChartNumber } from '../../lib/money';

interface Props {
  currency: string;
  parents: readonly SpendingLineFieldsFragment[];
  lines: readonly SpendingLineFieldsFragment[];
  /** The period, for the link to the transactions: `YYYY-MM-DD`. */
  from: string;
  to: string;
}

const nameOf = (line: SpendingLineFieldsFragment) => line.category?.name ?? 'Uncategorized';

export function ExpenseShareChart({ currency, parents, lines, from, to }: Props) {
  const [open, setOpen] = useState<string | null>(null);
  if (parents.length === 0) return <p className="chart-empty">No expenses in this period.</p>;
  const data = parents.map((line) => ({ name: nameOf(line), value: toChartNumber(line.amount), line }));
  return (
    <div className="share">
      <figure className="chart" aria-label="Expense share by category">
        <ResponsiveContainer width="100%" height={240}>
          <PieChart>
            <Pie data={data} dataKey="value" nameKey="name" innerRadius="50%" outerRadius="85%" isAnimationActive={false}>
              {data.map((d) => (
                <Cell key={d.name} fill={categoryColor(d.line.category?.id)} />
              ))}
            </Pie>
            <Tooltip contentStyle={TOOLTIP_STYLE} itemStyle={TOOLTIP_ITEM_STYLE} formatter={(_v, _n, item) => {
              const line = (item.payload as (typeof data)[number]).line;
              return `${formatMoney(line.amount, currency)} (${formatPercent(line.share)})`;
            }} />
          </PieChart>
        </ResponsiveContainer>
      </figure>
      <ul className="legend-list share-list" aria-label="Expenses by category">
        {data.map(({ name, line }) => {
          const id = line.category?.id ?? null;
          const children = id ? lines.filter((l) => l.topLevel?.id === id && l.category?.id !== id) : [];
          const expanded = open === id && id !== null;
          return (
            <li key={name}>
              <span className="swatch" style={{ background: categoryColor(id) }} aria-hidden="true" />
              {children.length > 0 ? (
                <button type="button" className="link" aria-expanded={expanded} onClick={() => setOpen(expanded ? null : id)}>
                  {name}
                </button>
              ) : (
                <span>{name}</span>
              )}
              <span className="num">{formatMoney(line.amount, currency)}</span>
              <span className="num muted">{formatPercent(line.share)}</span>
              {expanded && (
                <ul className="sub-list" aria-label={`${name} by sub-category`}>
                  {children.map((child) => (
                    <li key={child.category?.id ?? 'own'}>
                      <span className="swatch" style={{ background: categoryColor(child.category?.id) }} aria-hidden="true" />
                      <span>{nameOf(child)}</span>
                      <span className="num">{formatMoney(child.amount, currency)}</span>
                      <span className="num muted">{formatPercent(child.share)}</span>
                    </li>
                  ))}
                  <li className="sub-link">
                    <Link to={`/transactions?from=${from}&to=${to}&category=${id}`}>Transactions in {name}</Link>
                  </li>
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
