// Categories: the two-level tree, income and expense; add, rename, delete.
import { useQuery } from '@apollo/client';
import { useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { IconButton } from '../../components/IconButton';
import { Loading } from '../../components/Loading';
import { Modal } from '../../components/Modal';
import type { CategoryKind } from '../../gql/graphql';
import { CategoryForm } from './CategoryForm';
import { DeleteCategoryDialog } from './DeleteCategoryDialog';
import { CategoriesPageDoc } from './operations';

type Target = { id: string; name: string; kind: CategoryKind };
type Dialog = { kind: 'add' } | { kind: 'rename'; category: Target } | { kind: 'delete'; category: Target };

export function CategoriesPage() {
  const { data, loading, error, refetch } = useQuery(CategoriesPageDoc);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const close = () => setDialog(null);

  const actions = (c: Target) => (
    <div className="row-actions">
      <IconButton icon="edit" label={`Rename ${c.name}`} onClick={() => setDialog({ kind: 'rename', category: c })} />
      <IconButton icon="delete" danger label={`Delete ${c.name}`} onClick={() => setDialog({ kind: 'delete', category: c })} />
    </div>
  );

  return (
    <>
      <div className="page-head">
        <h1>Categories</h1>
        <button type="button" className="primary" disabled={!data} onClick={() => setDialog({ kind: 'add' })}>Add category</button>
      </div>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {notice && <p role="status" className="notice">{notice}</p>}
      {!data && loading && <Loading />}
      {data && (
        <div className="columns">
          {(['INCOME', 'EXPENSE'] as const).map((kind) => (
            <section key={kind} className="panel" aria-labelledby={`cat-${kind}`}>
              <h2 id={`cat-${kind}`}>{kind === 'INCOME' ? 'Income' : 'Expenses'}</h2>
              {!data.categories.some((c) => c.kind === kind) && (
                <EmptyState title={`No ${kind === 'INCOME' ? 'income' : 'expense'} categories.`} actions={<button type="button" onClick={() => setDialog({ kind: 'add' })}>Add category</button>} />
              )}
              <ul className="tree">
                {data.categories
                  .filter((c) => c.kind === kind)
                  .map((c) => (
                    <li key={c.id}>
                      <div className="tree-row"><strong>{c.name}</strong>{actions(c)}</div>
                      {c.children.length > 0 && (
                        <ul>
                          {c.children.map((k) => (
                            <li key={k.id}>
                              <div className="tree-row"><span>{k.name}</span>{actions(k)}</div>
                            </li>
                          ))}
                        </ul>
                      )}
                    </li>
                  ))}
              </ul>
            </section>
          ))}
        </div>
      )}
      {data && dialog?.kind === 'add' && (
        <Modal title="Add a category" onClose={close}>
          <CategoryForm categories={data.categories} onDone={close} />
        </Modal>
      )}
      {data && dialog?.kind === 'rename' && (
        <Modal title={`Rename ${dialog.category.name}`} onClose={close}>
          <CategoryForm categories={data.categories} renaming={dialog.category} onDone={close} />
        </Modal>
      )}
      {data && dialog?.kind === 'delete' && (
        <DeleteCategoryDialog
          category={dialog.category}
          categories={data.categories}
          onDone={(message) => {
            if (message) setNotice(message);
            close();
          }}
        />
      )}
    </>
  );
}
