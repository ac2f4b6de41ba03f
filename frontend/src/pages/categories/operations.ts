// Operations of the Categories page.
import { graphql } from '../../gql';

export const CategoriesPageDoc = graphql(`
  query CategoriesPage {
    categories {
      id
      name
      kind
      children {
        id
        name
        kind
      }
    }
  }
`);

export const CreateCategoryDoc = graphql(`
  mutation CreateCategory($input: CreateCategoryInput!) {
    createCategory(input: $input) {
      id
    }
  }
`);

export const RenameCategoryDoc = graphql(`
  mutation RenameCategory($id: UUID!, $input: UpdateCategoryInput!) {
    updateCategory(id: $id, input: $input) {
      id
      name
    }
  }
`);

export const DeleteCategoryDoc = graphql(`
  mutation DeleteCategory($id: UUID!, $reassignTo: UUID, $clearTransactions: Boolean) {
    deleteCategory(id: $id, reassignTo: $reassignTo, clearTransactions: $clearTransactions) {
      id
      transactionsMoved
    }
  }
`);
