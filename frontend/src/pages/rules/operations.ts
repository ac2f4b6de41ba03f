// Operations of the Rules page.
import { graphql } from '../../gql';

export const RulesPageDoc = graphql(`
  query RulesPage {
    rules {
      id
      position
      name
      conditions {
        op
        value
      }
      amountMin
      amountMax
      accountId
      account {
        id
        name
      }
      categoryId
      category {
        id
        name
      }
      addTags
      renameTo
    }
    accounts {
      id
      name
    }
    categories {
      id
      name
      children {
        id
        name
      }
    }
  }
`);

export const CreateRuleDoc = graphql(`
  mutation CreateRule($input: RuleInput!) {
    createRule(input: $input) {
      id
    }
  }
`);

export const UpdateRuleDoc = graphql(`
  mutation UpdateRule($id: UUID!, $input: RuleInput!) {
    updateRule(id: $id, input: $input) {
      id
    }
  }
`);

export const DeleteRuleDoc = graphql(`
  mutation DeleteRule($id: UUID!) {
    deleteRule(id: $id)
  }
`);

export const MoveRuleDoc = graphql(`
  mutation MoveRule($id: UUID!, $position: Int!) {
    moveRule(id: $id, position: $position) {
      id
      position
    }
  }
`);

export const PreviewRuleDoc = graphql(`
  query PreviewRule($id: UUID!, $after: String) {
    previewRule(id: $id, first: 20, after: $after) {
      changes {
        transactionId
        description
        category {
          id
          name
        }
        addTags
        renameTo
      }
      scanned
      endCursor
      hasMore
    }
  }
`);

export const ApplyRuleDoc = graphql(`
  mutation ApplyRule($id: UUID!, $after: String) {
    applyRule(id: $id, after: $after) {
      scanned
      changed
      endCursor
      hasMore
    }
  }
`);
