// Operations of the Recurring page and the Overview's upcoming panel.
import { graphql } from '../../gql';

export const RecurringPageDoc = graphql(`
  query RecurringPage($from: Date!, $to: Date!) {
    recurringSchedules {
      id
      amount
      currency
      description
      automatic
      nextDate
      toAmount
      tags
      category {
        id
      }
      account {
        id
        name
      }
      toAccount {
        id
        name
      }
      recurrence {
        frequency
        every
        weekdays
        monthDay
        lastDayOfMonth
        start
        end
        count
      }
    }
    dueOccurrences {
      ...OccurrenceFields
    }
    upcomingOccurrences(from: $from, to: $to) {
      ...OccurrenceFields
    }
    accounts {
      id
      name
      currency
      archived
    }
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

export const OccurrenceFieldsDoc = graphql(`
  fragment OccurrenceFields on Occurrence {
    scheduleId
    date
    postDate
    amount
    currency
    description
    status
  }
`);

export const UpcomingDoc = graphql(`
  query Upcoming($from: Date!, $to: Date!) {
    upcomingOccurrences(from: $from, to: $to) {
      ...OccurrenceFields
    }
  }
`);

export const CreateRecurringDoc = graphql(`
  mutation CreateRecurring($input: RecurringScheduleInput!) {
    createRecurringSchedule(input: $input) {
      id
    }
  }
`);

export const UpdateRecurringDoc = graphql(`
  mutation UpdateRecurring($id: UUID!, $input: RecurringScheduleInput!) {
    updateRecurringSchedule(id: $id, input: $input) {
      id
    }
  }
`);

export const DeleteRecurringDoc = graphql(`
  mutation DeleteRecurring($id: UUID!) {
    deleteRecurringSchedule(id: $id)
  }
`);

export const SkipOccurrenceDoc = graphql(`
  mutation SkipOccurrence($scheduleId: UUID!, $date: Date!) {
    skipOccurrence(scheduleId: $scheduleId, date: $date) {
      date
      status
    }
  }
`);

export const ConfirmOccurrenceDoc = graphql(`
  mutation ConfirmOccurrence($scheduleId: UUID!, $date: Date!) {
    confirmOccurrence(scheduleId: $scheduleId, date: $date) {
      date
      status
    }
  }
`);
