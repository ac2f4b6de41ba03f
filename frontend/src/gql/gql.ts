/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment AuthFields on AuthPayload {\n    accessToken\n    tokenType\n    expiresAt\n    user {\n      id\n      username\n      email\n      baseCurrency\n    }\n  }\n": typeof types.AuthFieldsFragmentDoc,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      ...AuthFields\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Signup($input: SignupInput!) {\n    signup(input: $input) {\n      ...AuthFields\n    }\n  }\n": typeof types.SignupDocument,
    "\n  mutation RefreshSession {\n    refreshSession {\n      ...AuthFields\n    }\n  }\n": typeof types.RefreshSessionDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  query Viewer {\n    me {\n      id\n      role\n      username\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  mutation CompleteTwoFactorLogin($input: CompleteTwoFactorLoginInput!) {\n    completeTwoFactorLogin(input: $input) {\n      ...AuthFields\n    }\n  }\n": typeof types.CompleteTwoFactorLoginDocument,
    "\n  fragment AuditEventFields on AuditEvent {\n    id\n    action\n    entityType\n    entityId\n    entityName\n    reason\n    ip\n    userAgent\n    createdAt\n    actorId\n  }\n": typeof types.AuditEventFieldsFragmentDoc,
    "\n  fragment AuditLogPage on AuditEventConnection {\n    edges {\n      node {\n        ...AuditEventFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n": typeof types.AuditLogPageFragmentDoc,
    "\n  query MyAuditLog($first: Int!, $after: String) {\n    myAuditLog(first: $first, after: $after) {\n      ...AuditLogPage\n    }\n  }\n": typeof types.MyAuditLogDocument,
    "\n  query UserAuditLog($userId: UUID!, $first: Int!, $after: String) {\n    userAuditLog(userId: $userId, first: $first, after: $after) {\n      ...AuditLogPage\n    }\n  }\n": typeof types.UserAuditLogDocument,
    "\n  query Currencies {\n    currencies {\n      code\n      decimals\n    }\n  }\n": typeof types.CurrenciesDocument,
    "\n  subscription LedgerChanged {\n    ledgerChanged {\n      kind\n      transactionIds\n      accountIds\n      imported\n      skipped\n      transactions {\n        ...TransactionRow\n      }\n    }\n  }\n": typeof types.LedgerChangedDocument,
    "\n  subscription BudgetThresholdCrossed {\n    budgetThresholdCrossed {\n      month\n      thresholdPercent\n      line {\n        budgeted\n        spent\n        usedPercent\n        budget {\n          id\n          category {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.BudgetThresholdCrossedDocument,
    "\n  subscription SessionEnded {\n    sessionEnded {\n      reason\n    }\n  }\n": typeof types.SessionEndedDocument,
    "\n  query AccountsPage {\n    me {\n      id\n      baseCurrency\n    }\n    accounts {\n      ...AccountFields\n    }\n  }\n": typeof types.AccountsPageDocument,
    "\n  fragment AccountFields on Account {\n    id\n    name\n    kind\n    currency\n    institution\n    openingBalance\n    balance\n    archived\n    isDefault\n  }\n": typeof types.AccountFieldsFragmentDoc,
    "\n  mutation CreateAccount($input: CreateAccountInput!) {\n    createAccount(input: $input) {\n      ...AccountFields\n    }\n  }\n": typeof types.CreateAccountDocument,
    "\n  mutation UpdateAccount($id: UUID!, $input: UpdateAccountInput!) {\n    updateAccount(id: $id, input: $input) {\n      ...AccountFields\n    }\n  }\n": typeof types.UpdateAccountDocument,
    "\n  mutation DeleteAccount($id: UUID!) {\n    deleteAccount(id: $id) {\n      id\n      archived\n    }\n  }\n": typeof types.DeleteAccountDocument,
    "\n  fragment AdminUserFields on AdminUser {\n    id\n    username\n    email\n    role\n    disabled\n    disabledAt\n    createdAt\n    lastLoginAt\n    failedLogins\n    lockedUntil\n  }\n": typeof types.AdminUserFieldsFragmentDoc,
    "\n  query AdminUsers($first: Int!, $after: String, $search: String) {\n    users(first: $first, after: $after, search: $search) {\n      totalCount\n      edges {\n        node {\n          ...AdminUserFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AdminUsersDocument,
    "\n  mutation SetUserRole($userId: UUID!, $role: Role!) {\n    setUserRole(userId: $userId, role: $role) {\n      ...AdminUserFields\n    }\n  }\n": typeof types.SetUserRoleDocument,
    "\n  mutation DisableUser($userId: UUID!) {\n    disableUser(userId: $userId) {\n      ...AdminUserFields\n    }\n  }\n": typeof types.DisableUserDocument,
    "\n  mutation EnableUser($userId: UUID!) {\n    enableUser(userId: $userId) {\n      ...AdminUserFields\n    }\n  }\n": typeof types.EnableUserDocument,
    "\n  query OidcProviders {\n    oidcProviders {\n      name\n      displayName\n      startPath\n    }\n  }\n": typeof types.OidcProvidersDocument,
    "\n  fragment BudgetStatusFields on BudgetStatus {\n    currency\n    month\n    totalBudgeted\n    totalSpent\n    totalRemaining\n    totalUsedPercent\n    unbudgetedSpent\n    lines {\n      budgeted\n      spent\n      remaining\n      usedPercent\n      countedInTotals\n      budget {\n        id\n        category {\n          id\n          name\n          parent {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.BudgetStatusFieldsFragmentDoc,
    "\n  query BudgetsPage($month: Month!) {\n    budgetStatus(month: $month) {\n      ...BudgetStatusFields\n    }\n    categories {\n      id\n      name\n      kind\n      children {\n        id\n        name\n        kind\n      }\n    }\n  }\n": typeof types.BudgetsPageDocument,
    "\n  mutation SetBudget($input: SetBudgetInput!) {\n    setBudget(input: $input) {\n      id\n      amount\n    }\n  }\n": typeof types.SetBudgetDocument,
    "\n  mutation DeleteBudget($id: UUID!) {\n    deleteBudget(id: $id)\n  }\n": typeof types.DeleteBudgetDocument,
    "\n  mutation CopyBudgets($month: Month!) {\n    copyBudgets(month: $month) {\n      id\n    }\n  }\n": typeof types.CopyBudgetsDocument,
    "\n  query CategoriesPage {\n    categories {\n      id\n      name\n      kind\n      children {\n        id\n        name\n        kind\n      }\n    }\n  }\n": typeof types.CategoriesPageDocument,
    "\n  mutation CreateCategory($input: CreateCategoryInput!) {\n    createCategory(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateCategoryDocument,
    "\n  mutation RenameCategory($id: UUID!, $input: UpdateCategoryInput!) {\n    updateCategory(id: $id, input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.RenameCategoryDocument,
    "\n  mutation DeleteCategory($id: UUID!, $reassignTo: UUID, $clearTransactions: Boolean) {\n    deleteCategory(id: $id, reassignTo: $reassignTo, clearTransactions: $clearTransactions) {\n      id\n      transactionsMoved\n    }\n  }\n": typeof types.DeleteCategoryDocument,
    "\n  query NetWorthPage($from: Month!, $to: Month!) {\n    netWorth(from: $from, to: $to) {\n      currency\n      current {\n        ...NetWorthMonthFields\n      }\n      months {\n        ...NetWorthMonthFields\n      }\n      allocation {\n        kind\n        amount\n        share\n      }\n    }\n    accounts {\n      id\n      name\n      kind\n      currency\n      balance\n      archived\n    }\n    valuations {\n      id\n      date\n      value\n      currency\n      account {\n        id\n        name\n      }\n    }\n  }\n": typeof types.NetWorthPageDocument,
    "\n  fragment NetWorthMonthFields on NetWorthMonth {\n    month\n    total\n    assets\n    liabilities\n    changeFromPreviousMonth {\n      amount\n      percent\n    }\n    changeYearToDate {\n      amount\n      percent\n    }\n  }\n": typeof types.NetWorthMonthFieldsFragmentDoc,
    "\n  mutation SetValuation($input: SetValuationInput!) {\n    setValuation(input: $input) {\n      id\n    }\n  }\n": typeof types.SetValuationDocument,
    "\n  mutation DeleteValuation($id: UUID!) {\n    deleteValuation(id: $id)\n  }\n": typeof types.DeleteValuationDocument,
    "\n  fragment CashflowMonthFields on CashflowMonth {\n    month\n    income\n    expenses\n    net\n    savingsRate\n  }\n": typeof types.CashflowMonthFieldsFragmentDoc,
    "\n  fragment SpendingLineFields on SpendingLine {\n    amount\n    share\n    category {\n      id\n      name\n    }\n    topLevel {\n      id\n    }\n  }\n": typeof types.SpendingLineFieldsFragmentDoc,
    "\n  query Overview($from: Month!, $to: Month!, $fromDate: Date!, $toDate: Date!, $month: Month!) {\n    years\n    cashflow(from: $from, to: $to) {\n      currency\n      income\n      expenses\n      netIncome\n      savingsRate\n      months {\n        ...CashflowMonthFields\n      }\n    }\n    spendingByCategory(from: $fromDate, to: $toDate) {\n      currency\n      total\n      parents {\n        ...SpendingLineFields\n      }\n      categories {\n        ...SpendingLineFields\n      }\n    }\n    budgetStatus(month: $month) {\n      ...BudgetStatusFields\n    }\n  }\n": typeof types.OverviewDocument,
    "\n  query RecurringPage($from: Date!, $to: Date!) {\n    recurringSchedules {\n      id\n      amount\n      currency\n      description\n      automatic\n      nextDate\n      toAmount\n      tags\n      category {\n        id\n      }\n      account {\n        id\n        name\n      }\n      toAccount {\n        id\n        name\n      }\n      recurrence {\n        frequency\n        every\n        weekdays\n        monthDay\n        lastDayOfMonth\n        start\n        end\n        count\n      }\n    }\n    dueOccurrences {\n      ...OccurrenceFields\n    }\n    upcomingOccurrences(from: $from, to: $to) {\n      ...OccurrenceFields\n    }\n    accounts {\n      id\n      name\n      currency\n      archived\n    }\n    categories {\n      id\n      name\n      kind\n      children {\n        id\n        name\n        kind\n      }\n    }\n  }\n": typeof types.RecurringPageDocument,
    "\n  fragment OccurrenceFields on Occurrence {\n    scheduleId\n    date\n    postDate\n    amount\n    currency\n    description\n    status\n  }\n": typeof types.OccurrenceFieldsFragmentDoc,
    "\n  query Upcoming($from: Date!, $to: Date!) {\n    upcomingOccurrences(from: $from, to: $to) {\n      ...OccurrenceFields\n    }\n  }\n": typeof types.UpcomingDocument,
    "\n  mutation CreateRecurring($input: RecurringScheduleInput!) {\n    createRecurringSchedule(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateRecurringDocument,
    "\n  mutation UpdateRecurring($id: UUID!, $input: RecurringScheduleInput!) {\n    updateRecurringSchedule(id: $id, input: $input) {\n      id\n    }\n  }\n": typeof types.UpdateRecurringDocument,
    "\n  mutation DeleteRecurring($id: UUID!) {\n    deleteRecurringSchedule(id: $id)\n  }\n": typeof types.DeleteRecurringDocument,
    "\n  mutation SkipOccurrence($scheduleId: UUID!, $date: Date!) {\n    skipOccurrence(scheduleId: $scheduleId, date: $date) {\n      date\n      status\n    }\n  }\n": typeof types.SkipOccurrenceDocument,
    "\n  mutation ConfirmOccurrence($scheduleId: UUID!, $date: Date!) {\n    confirmOccurrence(scheduleId: $scheduleId, date: $date) {\n      date\n      status\n    }\n  }\n": typeof types.ConfirmOccurrenceDocument,
    "\n  query RulesPage {\n    rules {\n      id\n      position\n      name\n      conditions {\n        op\n        value\n      }\n      amountMin\n      amountMax\n      accountId\n      account {\n        id\n        name\n      }\n      categoryId\n      category {\n        id\n        name\n      }\n      addTags\n      renameTo\n    }\n    accounts {\n      id\n      name\n    }\n    categories {\n      id\n      name\n      children {\n        id\n        name\n      }\n    }\n  }\n": typeof types.RulesPageDocument,
    "\n  mutation CreateRule($input: RuleInput!) {\n    createRule(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateRuleDocument,
    "\n  mutation UpdateRule($id: UUID!, $input: RuleInput!) {\n    updateRule(id: $id, input: $input) {\n      id\n    }\n  }\n": typeof types.UpdateRuleDocument,
    "\n  mutation DeleteRule($id: UUID!) {\n    deleteRule(id: $id)\n  }\n": typeof types.DeleteRuleDocument,
    "\n  mutation MoveRule($id: UUID!, $position: Int!) {\n    moveRule(id: $id, position: $position) {\n      id\n      position\n    }\n  }\n": typeof types.MoveRuleDocument,
    "\n  query PreviewRule($id: UUID!, $after: String) {\n    previewRule(id: $id, first: 20, after: $after) {\n      changes {\n        transactionId\n        description\n        category {\n          id\n          name\n        }\n        addTags\n        renameTo\n      }\n      scanned\n      endCursor\n      hasMore\n    }\n  }\n": typeof types.PreviewRuleDocument,
    "\n  mutation ApplyRule($id: UUID!, $after: String) {\n    applyRule(id: $id, after: $after) {\n      scanned\n      changed\n      endCursor\n      hasMore\n    }\n  }\n": typeof types.ApplyRuleDocument,
    "\n  query SignInMethods {\n    me {\n      id\n      hasPassword\n      identities {\n        provider\n        email\n        linkedAt\n      }\n    }\n    oidcProviders {\n      name\n      displayName\n    }\n  }\n": typeof types.SignInMethodsDocument,
    "\n  mutation StartOidcLink($provider: String!) {\n    startOidcLink(provider: $provider) {\n      url\n    }\n  }\n": typeof types.StartOidcLinkDocument,
    "\n  mutation UnlinkOidcProvider($provider: String!) {\n    unlinkOidcProvider(provider: $provider)\n  }\n": typeof types.UnlinkOidcProviderDocument,
    "\n  mutation SetPassword($input: SetPasswordInput!) {\n    setPassword(input: $input)\n  }\n": typeof types.SetPasswordDocument,
    "\n  query SettingsPage {\n    me {\n      id\n      username\n      email\n      baseCurrency\n      createdAt\n    }\n  }\n": typeof types.SettingsPageDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      username\n      baseCurrency\n    }\n  }\n": typeof types.UpdateProfileDocument,
    "\n  mutation ChangeEmail($input: ChangeEmailInput!) {\n    changeEmail(input: $input) {\n      id\n      email\n    }\n  }\n": typeof types.ChangeEmailDocument,
    "\n  query ExportMyData {\n    exportMyData\n  }\n": typeof types.ExportMyDataDocument,
    "\n  mutation DeleteMyAccount($password: String!) {\n    deleteMyAccount(password: $password)\n  }\n": typeof types.DeleteMyAccountDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      ...AuthFields\n    }\n  }\n": typeof types.ChangePasswordDocument,
    "\n  query Sessions {\n    sessions {\n      id\n      createdAt\n      lastUsedAt\n      expiresAt\n      userAgent\n      ip\n      current\n    }\n  }\n": typeof types.SessionsDocument,
    "\n  mutation RevokeSession($id: UUID!) {\n    revokeSession(id: $id)\n  }\n": typeof types.RevokeSessionDocument,
    "\n  mutation LogoutEverywhere {\n    logoutEverywhere\n  }\n": typeof types.LogoutEverywhereDocument,
    "\n  query TwoFactorStatus {\n    me {\n      id\n      twoFactorEnabled\n      recoveryCodesRemaining\n    }\n  }\n": typeof types.TwoFactorStatusDocument,
    "\n  mutation StartTwoFactorEnrolment($input: StartTwoFactorEnrolmentInput!) {\n    startTwoFactorEnrolment(input: $input) {\n      otpauthUri\n      secret\n    }\n  }\n": typeof types.StartTwoFactorEnrolmentDocument,
    "\n  mutation ConfirmTwoFactorEnrolment($input: TwoFactorCodeInput!) {\n    confirmTwoFactorEnrolment(input: $input) {\n      codes\n    }\n  }\n": typeof types.ConfirmTwoFactorEnrolmentDocument,
    "\n  mutation RegenerateRecoveryCodes($input: TwoFactorCodeInput!) {\n    regenerateRecoveryCodes(input: $input) {\n      codes\n    }\n  }\n": typeof types.RegenerateRecoveryCodesDocument,
    "\n  mutation DisableTwoFactor($input: DisableTwoFactorInput!) {\n    disableTwoFactor(input: $input)\n  }\n": typeof types.DisableTwoFactorDocument,
    "\n  query TransactionsPage(\n    $first: Int!\n    $after: String\n    $filter: TransactionFilter\n    $orderBy: TransactionOrder\n  ) {\n    transactions(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      totals {\n        currency\n        count\n        moneyIn\n        moneyOut\n        net\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        runningBalance\n        node {\n          ...TransactionRow\n        }\n      }\n    }\n    accounts {\n      id\n      name\n      currency\n      kind\n      archived\n      isDefault\n    }\n    categories {\n      id\n      name\n      kind\n      children {\n        id\n        name\n        kind\n      }\n    }\n    tags {\n      name\n      transactionCount\n    }\n  }\n": typeof types.TransactionsPageDocument,
    "\n  fragment TransactionRow on Transaction {\n    id\n    date\n    amount\n    currency\n    description\n    notes\n    tags\n    transferId\n    account {\n      id\n      name\n    }\n    category {\n      id\n      name\n    }\n  }\n": typeof types.TransactionRowFragmentDoc,
    "\n  mutation CreateTransaction($input: CreateTransactionInput!) {\n    createTransaction(input: $input) {\n      ...TransactionRow\n    }\n  }\n": typeof types.CreateTransactionDocument,
    "\n  mutation UpdateTransaction($id: UUID!, $input: UpdateTransactionInput!) {\n    updateTransaction(id: $id, input: $input) {\n      ...TransactionRow\n    }\n  }\n": typeof types.UpdateTransactionDocument,
    "\n  mutation DeleteTransaction($id: UUID!) {\n    deleteTransaction(id: $id)\n  }\n": typeof types.DeleteTransactionDocument,
    "\n  mutation UpdateTransactions($input: UpdateTransactionsInput!) {\n    updateTransactions(input: $input) {\n      ...TransactionRow\n    }\n  }\n": typeof types.UpdateTransactionsDocument,
    "\n  mutation DeleteTransactions($ids: [UUID!]!) {\n    deleteTransactions(ids: $ids)\n  }\n": typeof types.DeleteTransactionsDocument,
    "\n  mutation CreateTransfer($input: CreateTransferInput!) {\n    createTransfer(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateTransferDocument,
    "\n  mutation ImportTransactions($input: ImportTransactionsInput!) {\n    importTransactions(input: $input) {\n      imported\n      duplicates\n      errorCount\n      errors {\n        row\n        column\n        message\n      }\n    }\n  }\n": typeof types.ImportTransactionsDocument,
    "\n  query ExportTransactions($filter: TransactionFilter) {\n    exportTransactions(filter: $filter)\n  }\n": typeof types.ExportTransactionsDocument,
};
const documents: Documents = {
    "\n  fragment AuthFields on AuthPayload {\n    accessToken\n    tokenType\n    expiresAt\n    user {\n      id\n      username\n      email\n      baseCurrency\n    }\n  }\n": types.AuthFieldsFragmentDoc,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      ...AuthFields\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Signup($input: SignupInput!) {\n    signup(input: $input) {\n      ...AuthFields\n    }\n  }\n": types.SignupDocument,
    "\n  mutation RefreshSession {\n    refreshSession {\n      ...AuthFields\n    }\n  }\n": types.RefreshSessionDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  query Viewer {\n    me {\n      id\n      role\n      username\n    }\n  }\n": types.ViewerDocument,
    "\n  mutation CompleteTwoFactorLogin($input: CompleteTwoFactorLoginInput!) {\n    completeTwoFactorLogin(input: $input) {\n      ...AuthFields\n    }\n  }\n": types.CompleteTwoFactorLoginDocument,
    "\n  fragment AuditEventFields on AuditEvent {\n    id\n    action\n    entityType\n    entityId\n    entityName\n    reason\n    ip\n    userAgent\n    createdAt\n    actorId\n  }\n": types.AuditEventFieldsFragmentDoc,
    "\n  fragment AuditLogPage on AuditEventConnection {\n    edges {\n      node {\n        ...AuditEventFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n": types.AuditLogPageFragmentDoc,
    "\n  query MyAuditLog($first: Int!, $after: String) {\n    myAuditLog(first: $first, after: $after) {\n      ...AuditLogPage\n    }\n  }\n": types.MyAuditLogDocument,
    "\n  query UserAuditLog($userId: UUID!, $first: Int!, $after: String) {\n    userAuditLog(userId: $userId, first: $first, after: $after) {\n      ...AuditLogPage\n    }\n  }\n": types.UserAuditLogDocument,
    "\n  query Currencies {\n    currencies {\n      code\n      decimals\n    }\n  }\n": types.CurrenciesDocument,
    "\n  subscription LedgerChanged {\n    ledgerChanged {\n      kind\n      transactionIds\n      accountIds\n      imported\n      skipped\n      transactions {\n        ...TransactionRow\n      }\n    }\n  }\n": types.LedgerChangedDocument,
    "\n  subscription BudgetThresholdCrossed {\n    budgetThresholdCrossed {\n      month\n      thresholdPercent\n      line {\n        budgeted\n        spent\n        usedPercent\n        budget {\n          id\n          category {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.BudgetThresholdCrossedDocument,
    "\n  subscription SessionEnded {\n    sessionEnded {\n      reason\n    }\n  }\n": types.SessionEndedDocument,
    "\n  query AccountsPage {\n    me {\n      id\n      baseCurrency\n    }\n    accounts {\n      ...AccountFields\n    }\n  }\n": types.AccountsPageDocument,
    "\n  fragment AccountFields on Account {\n    id\n    name\n    kind\n    currency\n    institution\n    openingBalance\n    balance\n    archived\n    isDefault\n  }\n": types.AccountFieldsFragmentDoc,
    "\n  mutation CreateAccount($input: CreateAccountInput!) {\n    createAccount(input: $input) {\n      ...AccountFields\n    }\n  }\n": types.CreateAccountDocument,
    "\n  mutation UpdateAccount($id: UUID!, $input: UpdateAccountInput!) {\n    updateAccount(id: $id, input: $input) {\n      ...AccountFields\n    }\n  }\n": types.UpdateAccountDocument,
    "\n  mutation DeleteAccount($id: UUID!) {\n    deleteAccount(id: $id) {\n      id\n      archived\n    }\n  }\n": types.DeleteAccountDocument,
    "\n  fragment AdminUserFields on AdminUser {\n    id\n    username\n    email\n    role\n    disabled\n    disabledAt\n    createdAt\n    lastLoginAt\n    failedLogins\n    lockedUntil\n  }\n": types.AdminUserFieldsFragmentDoc,
    "\n  query AdminUsers($first: Int!, $after: String, $search: String) {\n    users(first: $first, after: $after, search: $search) {\n      totalCount\n      edges {\n        node {\n          ...AdminUserFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AdminUsersDocument,
    "\n  mutation SetUserRole($userId: UUID!, $role: Role!) {\n    setUserRole(userId: $userId, role: $role) {\n      ...AdminUserFields\n    }\n  }\n": types.SetUserRoleDocument,
    "\n  mutation DisableUser($userId: UUID!) {\n    disableUser(userId: $userId) {\n      ...AdminUserFields\n    }\n  }\n": types.DisableUserDocument,
    "\n  mutation EnableUser($userId: UUID!) {\n    enableUser(userId: $userId) {\n      ...AdminUserFields\n    }\n  }\n": types.EnableUserDocument,
    "\n  query OidcProviders {\n    oidcProviders {\n      name\n      displayName\n      startPath\n    }\n  }\n": types.OidcProvidersDocument,
    "\n  fragment BudgetStatusFields on BudgetStatus {\n    currency\n    month\n    totalBudgeted\n    totalSpent\n    totalRemaining\n    totalUsedPercent\n    unbudgetedSpent\n    lines {\n      budgeted\n      spent\n      remaining\n      usedPercent\n      countedInTotals\n      budget {\n        id\n        category {\n          id\n          name\n          parent {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.BudgetStatusFieldsFragmentDoc,
    "\n  query BudgetsPage($month: Month!) {\n    budgetStatus(month: $month) {\n      ...BudgetStatusFields\n    }\n    categories {\n      id\n      name\n      kind\n      children {\n        id\n        name\n        kind\n      }\n    }\n  }\n": types.BudgetsPageDocument,
    "\n  mutation SetBudget($input: SetBudgetInput!) {\n    setBudget(input: $input) {\n      id\n      amount\n    }\n  }\n": types.SetBudgetDocument,
    "\n  mutation DeleteBudget($id: UUID!) {\n    deleteBudget(id: $id)\n  }\n": types.DeleteBudgetDocument,
    "\n  mutation CopyBudgets($month: Month!) {\n    copyBudgets(month: $month) {\n      id\n    }\n  }\n": types.CopyBudgetsDocument,
    "\n  query CategoriesPage {\n    categories {\n      id\n      name\n      kind\n      children {\n        id\n        name\n        kind\n      }\n    }\n  }\n": types.CategoriesPageDocument,
    "\n  mutation CreateCategory($input: CreateCategoryInput!) {\n    createCategory(input: $input) {\n      id\n    }\n  }\n": types.CreateCategoryDocument,
    "\n  mutation RenameCategory($id: UUID!, $input: UpdateCategoryInput!) {\n    updateCategory(id: $id, input: $input) {\n      id\n      name\n    }\n  }\n": types.RenameCategoryDocument,
    "\n  mutation DeleteCategory($id: UUID!, $reassignTo: UUID, $clearTransactions: Boolean) {\n    deleteCategory(id: $id, reassignTo: $reassignTo, clearTransactions: $clearTransactions) {\n      id\n      transactionsMoved\n    }\n  }\n": types.DeleteCategoryDocument,
    "\n  query NetWorthPage($from: Month!, $to: Month!) {\n    netWorth(from: $from, to: $to) {\n      currency\n      current {\n        ...NetWorthMonthFields\n      }\n      months {\n        ...NetWorthMonthFields\n      }\n      allocation {\n        kind\n        amount\n        share\n      }\n    }\n    accounts {\n      id\n      name\n      kind\n      currency\n      balance\n      archived\n    }\n    valuations {\n      id\n      date\n      value\n      currency\n      account {\n        id\n        name\n      }\n    }\n  }\n": types.NetWorthPageDocument,
    "\n  fragment NetWorthMonthFields on NetWorthMonth {\n    month\n    total\n    assets\n    liabilities\n    changeFromPreviousMonth {\n      amount\n      percent\n    }\n    changeYearToDate {\n      amount\n      percent\n    }\n  }\n": types.NetWorthMonthFieldsFragmentDoc,
    "\n  mutation SetValuation($input: SetValuationInput!) {\n    setValuation(input: $input) {\n      id\n    }\n  }\n": types.SetValuationDocument,
    "\n  mutation DeleteValuation($id: UUID!) {\n    deleteValuation(id: $id)\n  }\n": types.DeleteValuationDocument,
    "\n  fragment CashflowMonthFields on CashflowMonth {\n    month\n    income\n    expenses\n    net\n    savingsRate\n  }\n": types.CashflowMonthFieldsFragmentDoc,
    "\n  fragment SpendingLineFields on SpendingLine {\n    amount\n    share\n    category {\n      id\n      name\n    }\n    topLevel {\n      id\n    }\n  }\n": types.SpendingLineFieldsFragmentDoc,
    "\n  query Overview($from: Month!, $to: Month!, $fromDate: Date!, $toDate: Date!, $month: Month!) {\n    years\n    cashflow(from: $from, to: $to) {\n      currency\n      income\n      expenses\n      netIncome\n      savingsRate\n      months {\n        ...CashflowMonthFields\n      }\n    }\n    spendingByCategory(from: $fromDate, to: $toDate) {\n      currency\n      total\n      parents {\n        ...SpendingLineFields\n      }\n      categories {\n        ...SpendingLineFields\n      }\n    }\n    budgetStatus(month: $month) {\n      ...BudgetStatusFields\n    }\n  }\n": types.OverviewDocument,
    "\n  query RecurringPage($from: Date!, $to: Date!) {\n    recurringSchedules {\n      id\n      amount\n      currency\n      description\n      automatic\n      nextDate\n      toAmount\n      tags\n      category {\n        id\n      }\n      account {\n        id\n        name\n      }\n      toAccount {\n        id\n        name\n      }\n      recurrence {\n        frequency\n        every\n        weekdays\n        monthDay\n        lastDayOfMonth\n        start\n        end\n        count\n      }\n    }\n    dueOccurrences {\n      ...OccurrenceFields\n    }\n    upcomingOccurrences(from: $from, to: $to) {\n      ...OccurrenceFields\n    }\n    accounts {\n      id\n      name\n      currency\n      archived\n    }\n    categories {\n      id\n      name\n      kind\n      children {\n        id\n        name\n        kind\n      }\n    }\n  }\n": types.RecurringPageDocument,
    "\n  fragment OccurrenceFields on Occurrence {\n    scheduleId\n    date\n    postDate\n    amount\n    currency\n    description\n    status\n  }\n": types.OccurrenceFieldsFragmentDoc,
    "\n  query Upcoming($from: Date!, $to: Date!) {\n    upcomingOccurrences(from: $from, to: $to) {\n      ...OccurrenceFields\n    }\n  }\n": types.UpcomingDocument,
    "\n  mutation CreateRecurring($input: RecurringScheduleInput!) {\n    createRecurringSchedule(input: $input) {\n      id\n    }\n  }\n": types.CreateRecurringDocument,
    "\n  mutation UpdateRecurring($id: UUID!, $input: RecurringScheduleInput!) {\n    updateRecurringSchedule(id: $id, input: $input) {\n      id\n    }\n  }\n": types.UpdateRecurringDocument,
    "\n  mutation DeleteRecurring($id: UUID!) {\n    deleteRecurringSchedule(id: $id)\n  }\n": types.DeleteRecurringDocument,
    "\n  mutation SkipOccurrence($scheduleId: UUID!, $date: Date!) {\n    skipOccurrence(scheduleId: $scheduleId, date: $date) {\n      date\n      status\n    }\n  }\n": types.SkipOccurrenceDocument,
    "\n  mutation ConfirmOccurrence($scheduleId: UUID!, $date: Date!) {\n    confirmOccurrence(scheduleId: $scheduleId, date: $date) {\n      date\n      status\n    }\n  }\n": types.ConfirmOccurrenceDocument,
    "\n  query RulesPage {\n    rules {\n      id\n      position\n      name\n      conditions {\n        op\n        value\n      }\n      amountMin\n      amountMax\n      accountId\n      account {\n        id\n        name\n      }\n      categoryId\n      category {\n        id\n        name\n      }\n      addTags\n      renameTo\n    }\n    accounts {\n      id\n      name\n    }\n    categories {\n      id\n      name\n      children {\n        id\n        name\n      }\n    }\n  }\n": types.RulesPageDocument,
    "\n  mutation CreateRule($input: RuleInput!) {\n    createRule(input: $input) {\n      id\n    }\n  }\n": types.CreateRuleDocument,
    "\n  mutation UpdateRule($id: UUID!, $input: RuleInput!) {\n    updateRule(id: $id, input: $input) {\n      id\n    }\n  }\n": types.UpdateRuleDocument,
    "\n  mutation DeleteRule($id: UUID!) {\n    deleteRule(id: $id)\n  }\n": types.DeleteRuleDocument,
    "\n  mutation MoveRule($id: UUID!, $position: Int!) {\n    moveRule(id: $id, position: $position) {\n      id\n      position\n    }\n  }\n": types.MoveRuleDocument,
    "\n  query PreviewRule($id: UUID!, $after: String) {\n    previewRule(id: $id, first: 20, after: $after) {\n      changes {\n        transactionId\n        description\n        category {\n          id\n          name\n        }\n        addTags\n        renameTo\n      }\n      scanned\n      endCursor\n      hasMore\n    }\n  }\n": types.PreviewRuleDocument,
    "\n  mutation ApplyRule($id: UUID!, $after: String) {\n    applyRule(id: $id, after: $after) {\n      scanned\n      changed\n      endCursor\n      hasMore\n    }\n  }\n": types.ApplyRuleDocument,
    "\n  query SignInMethods {\n    me {\n      id\n      hasPassword\n      identities {\n        provider\n        email\n        linkedAt\n      }\n    }\n    oidcProviders {\n      name\n      displayName\n    }\n  }\n": types.SignInMethodsDocument,
    "\n  mutation StartOidcLink($provider: String!) {\n    startOidcLink(provider: $provider) {\n      url\n    }\n  }\n": types.StartOidcLinkDocument,
    "\n  mutation UnlinkOidcProvider($provider: String!) {\n    unlinkOidcProvider(provider: $provider)\n  }\n": types.UnlinkOidcProviderDocument,
    "\n  mutation SetPassword($input: SetPasswordInput!) {\n    setPassword(input: $input)\n  }\n": types.SetPasswordDocument,
    "\n  query SettingsPage {\n    me {\n      id\n      username\n      email\n      baseCurrency\n      createdAt\n    }\n  }\n": types.SettingsPageDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      username\n      baseCurrency\n    }\n  }\n": types.UpdateProfileDocument,
    "\n  mutation ChangeEmail($input: ChangeEmailInput!) {\n    changeEmail(input: $input) {\n      id\n      email\n    }\n  }\n": types.ChangeEmailDocument,
    "\n  query ExportMyData {\n    exportMyData\n  }\n": types.ExportMyDataDocument,
    "\n  mutation DeleteMyAccount($password: String!) {\n    deleteMyAccount(password: $password)\n  }\n": types.DeleteMyAccountDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      ...AuthFields\n    }\n  }\n": types.ChangePasswordDocument,
    "\n  query Sessions {\n    sessions {\n      id\n      createdAt\n      lastUsedAt\n      expiresAt\n      userAgent\n      ip\n      current\n    }\n  }\n": types.SessionsDocument,
    "\n  mutation RevokeSession($id: UUID!) {\n    revokeSession(id: $id)\n  }\n": types.RevokeSessionDocument,
    "\n  mutation LogoutEverywhere {\n    logoutEverywhere\n  }\n": types.LogoutEverywhereDocument,
    "\n  query TwoFactorStatus {\n    me {\n      id\n      twoFactorEnabled\n      recoveryCodesRemaining\n    }\n  }\n": types.TwoFactorStatusDocument,
    "\n  mutation StartTwoFactorEnrolment($input: StartTwoFactorEnrolmentInput!) {\n    startTwoFactorEnrolment(input: $input) {\n      otpauthUri\n      secret\n    }\n  }\n": types.StartTwoFactorEnrolmentDocument,
    "\n  mutation ConfirmTwoFactorEnrolment($input: TwoFactorCodeInput!) {\n    confirmTwoFactorEnrolment(input: $input) {\n      codes\n    }\n  }\n": types.ConfirmTwoFactorEnrolmentDocument,
    "\n  mutation RegenerateRecoveryCodes($input: TwoFactorCodeInput!) {\n    regenerateRecoveryCodes(input: $input) {\n      codes\n    }\n  }\n": types.RegenerateRecoveryCodesDocument,
    "\n  mutation DisableTwoFactor($input: DisableTwoFactorInput!) {\n    disableTwoFactor(input: $input)\n  }\n": types.DisableTwoFactorDocument,
    "\n  query TransactionsPage(\n    $first: Int!\n    $after: String\n    $filter: TransactionFilter\n    $orderBy: TransactionOrder\n  ) {\n    transactions(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      totals {\n        currency\n        count\n        moneyIn\n        moneyOut\n        net\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        runningBalance\n        node {\n          ...TransactionRow\n        }\n      }\n    }\n    accounts {\n      id\n      name\n      currency\n      kind\n      archived\n      isDefault\n    }\n    categories {\n      id\n      name\n      kind\n      children {\n        id\n        name\n        kind\n      }\n    }\n    tags {\n      name\n      transactionCount\n    }\n  }\n": types.TransactionsPageDocument,
    "\n  fragment TransactionRow on Transaction {\n    id\n    date\n    amount\n    currency\n    description\n    notes\n    tags\n    transferId\n    account {\n      id\n      name\n    }\n    category {\n      id\n      name\n    }\n  }\n": types.TransactionRowFragmentDoc,
    "\n  mutation CreateTransaction($input: CreateTransactionInput!) {\n    createTransaction(input: $input) {\n      ...TransactionRow\n    }\n  }\n": types.CreateTransactionDocument,
    "\n  mutation UpdateTransaction($id: UUID!, $input: UpdateTransactionInput!) {\n    updateTransaction(id: $id, input: $input) {\n      ...TransactionRow\n    }\n  }\n": types.UpdateTransactionDocument,
    "\n  mutation DeleteTransaction($id: UUID!) {\n    deleteTransaction(id: $id)\n  }\n": types.DeleteTransactionDocument,
    "\n  mutation UpdateTransactions($input: UpdateTransactionsInput!) {\n    updateTransactions(input: $input) {\n      ...TransactionRow\n    }\n  }\n": types.UpdateTransactionsDocument,
    "\n  mutation DeleteTransactions($ids: [UUID!]!) {\n    deleteTransactions(ids: $ids)\n  }\n": types.DeleteTransactionsDocument,
    "\n  mutation CreateTransfer($input: CreateTransferInput!) {\n    createTransfer(input: $input) {\n      id\n    }\n  }\n": types.CreateTransferDocument,
    "\n  mutation ImportTransactions($input: ImportTransactionsInput!) {\n    importTransactions(input: $input) {\n      imported\n      duplicates\n      errorCount\n      errors {\n        row\n        column\n        message\n      }\n    }\n  }\n": types.ImportTransactionsDocument,
    "\n  query ExportTransactions($filter: TransactionFilter) {\n    exportTransactions(filter: $filter)\n  }\n": types.ExportTransactionsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuthFields on AuthPayload {\n    accessToken\n    tokenType\n    expiresAt\n    user {\n      id\n      username\n      email\n      baseCurrency\n    }\n  }\n"): (typeof documents)["\n  fragment AuthFields on AuthPayload {\n    accessToken\n    tokenType\n    expiresAt\n    user {\n      id\n      username\n      email\n      baseCurrency\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      ...AuthFields\n    }\n  }\n"): (typeof documents)["\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      ...AuthFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Signup($input: SignupInput!) {\n    signup(input: $input) {\n      ...AuthFields\n    }\n  }\n"): (typeof documents)["\n  mutation Signup($input: SignupInput!) {\n    signup(input: $input) {\n      ...AuthFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshSession {\n    refreshSession {\n      ...AuthFields\n    }\n  }\n"): (typeof documents)["\n  mutation RefreshSession {\n    refreshSession {\n      ...AuthFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    me {\n      id\n      role\n      username\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    me {\n      id\n      role\n      username\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteTwoFactorLogin($input: CompleteTwoFactorLoginInput!) {\n    completeTwoFactorLogin(input: $input) {\n      ...AuthFields\n    }\n  }\n"): (typeof documents)["\n  mutation CompleteTwoFactorLogin($input: CompleteTwoFactorLoginInput!) {\n    completeTwoFactorLogin(input: $input) {\n      ...AuthFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuditEventFields on AuditEvent {\n    id\n    action\n    entityType\n    entityId\n    entityName\n    reason\n    ip\n    userAgent\n    createdAt\n    actorId\n  }\n"): (typeof documents)["\n  fragment AuditEventFields on AuditEvent {\n    id\n    action\n    entityType\n    entityId\n    entityName\n    reason\n    ip\n    userAgent\n    createdAt\n    actorId\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuditLogPage on AuditEventConnection {\n    edges {\n      node {\n        ...AuditEventFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n"): (typeof documents)["\n  fragment AuditLogPage on AuditEventConnection {\n    edges {\n      node {\n        ...AuditEventFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyAuditLog($first: Int!, $after: String) {\n    myAuditLog(first: $first, after: $after) {\n      ...AuditLogPage\n    }\n  }\n"): (typeof documents)["\n  query MyAuditLog($first: Int!, $after: String) {\n    myAuditLog(first: $first, after: $after) {\n      ...AuditLogPage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UserAuditLog($userId: UUID!, $first: Int!, $after: String) {\n    userAuditLog(userId: $userId, first: $first, after: $after) {\n      ...AuditLogPage\n    }\n  }\n"): (typeof documents)["\n  query UserAuditLog($userId: UUID!, $first: Int!, $after: String) {\n    userAuditLog(userId: $userId, first: $first, after: $after) {\n      ...AuditLogPage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Currencies {\n    currencies {\n      code\n      decimals\n    }\n  }\n"): (typeof documents)["\n  query Currencies {\n    currencies {\n      code\n      decimals\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LedgerChanged {\n    ledgerChanged {\n      kind\n      transactionIds\n      accountIds\n      imported\n      skipped\n      transactions {\n        ...TransactionRow\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription LedgerChanged {\n    ledgerChanged {\n      kind\n      transactionIds\n      accountIds\n      imported\n      skipped\n      transactions {\n        ...TransactionRow\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BudgetThresholdCrossed {\n    budgetThresholdCrossed {\n      month\n      thresholdPercent\n      line {\n        budgeted\n        spent\n        usedPercent\n        budget {\n          id\n          category {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription BudgetThresholdCrossed {\n    budgetThresholdCrossed {\n      month\n      thresholdPercent\n      line {\n        budgeted\n        spent\n        usedPercent\n        budget {\n          id\n          category {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SessionEnded {\n    sessionEnded {\n      reason\n    }\n  }\n"): (typeof documents)["\n  subscription SessionEnded {\n    sessionEnded {\n      reason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountsPage {\n    me {\n      id\n      baseCurrency\n    }\n    accounts {\n      ...AccountFields\n    }\n  }\n"): (typeof documents)["\n  query AccountsPage {\n    me {\n      id\n      baseCurrency\n    }\n    accounts {\n      ...AccountFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AccountFields on Account {\n    id\n    name\n    kind\n    currency\n    institution\n    openingBalance\n    balance\n    archived\n    isDefault\n  }\n"): (typeof documents)["\n  fragment AccountFields on Account {\n    id\n    name\n    kind\n    currency\n    institution\n    openingBalance\n    balance\n    archived\n    isDefault\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAccount($input: CreateAccountInput!) {\n    createAccount(input: $input) {\n      ...AccountFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateAccount($input: CreateAccountInput!) {\n    createAccount(input: $input) {\n      ...AccountFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateAccount($id: UUID!, $input: UpdateAccountInput!) {\n    updateAccount(id: $id, input: $input) {\n      ...AccountFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateAccount($id: UUID!, $input: UpdateAccountInput!) {\n    updateAccount(id: $id, input: $input) {\n      ...AccountFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteAccount($id: UUID!) {\n    deleteAccount(id: $id) {\n      id\n      archived\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteAccount($id: UUID!) {\n    deleteAccount(id: $id) {\n      id\n      archived\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminUserFields on AdminUser {\n    id\n    username\n    email\n    role\n    disabled\n    disabledAt\n    createdAt\n    lastLoginAt\n    failedLogins\n    lockedUntil\n  }\n"): (typeof documents)["\n  fragment AdminUserFields on AdminUser {\n    id\n    username\n    email\n    role\n    disabled\n    disabledAt\n    createdAt\n    lastLoginAt\n    failedLogins\n    lockedUntil\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminUsers($first: Int!, $after: String, $search: String) {\n    users(first: $first, after: $after, search: $search) {\n      totalCount\n      edges {\n        node {\n          ...AdminUserFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminUsers($first: Int!, $after: String, $search: String) {\n    users(first: $first, after: $after, search: $search) {\n      totalCount\n      edges {\n        node {\n          ...AdminUserFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetUserRole($userId: UUID!, $role: Role!) {\n    setUserRole(userId: $userId, role: $role) {\n      ...AdminUserFields\n    }\n  }\n"): (typeof documents)["\n  mutation SetUserRole($userId: UUID!, $role: Role!) {\n    setUserRole(userId: $userId, role: $role) {\n      ...AdminUserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisableUser($userId: UUID!) {\n    disableUser(userId: $userId) {\n      ...AdminUserFields\n    }\n  }\n"): (typeof documents)["\n  mutation DisableUser($userId: UUID!) {\n    disableUser(userId: $userId) {\n      ...AdminUserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EnableUser($userId: UUID!) {\n    enableUser(userId: $userId) {\n      ...AdminUserFields\n    }\n  }\n"): (typeof documents)["\n  mutation EnableUser($userId: UUID!) {\n    enableUser(userId: $userId) {\n      ...AdminUserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OidcProviders {\n    oidcProviders {\n      name\n      displayName\n      startPath\n    }\n  }\n"): (typeof documents)["\n  query OidcProviders {\n    oidcProviders {\n      name\n      displayName\n      startPath\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BudgetStatusFields on BudgetStatus {\n    currency\n    month\n    totalBudgeted\n    totalSpent\n    totalRemaining\n    totalUsedPercent\n    unbudgetedSpent\n    lines {\n      budgeted\n      spent\n      remaining\n      usedPercent\n      countedInTotals\n      budget {\n        id\n        category {\n          id\n          name\n          parent {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment BudgetStatusFields on BudgetStatus {\n    currency\n    month\n    totalBudgeted\n    totalSpent\n    totalRemaining\n    totalUsedPercent\n    unbudgetedSpent\n    lines {\n      budgeted\n      spent\n      remaining\n      usedPercent\n      countedInTotals\n      budget {\n        id\n        category {\n          id\n          name\n          parent {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BudgetsPage($month: Month!) {\n    budgetStatus(month: $month) {\n      ...BudgetStatusFields\n    }\n    categories {\n      id\n      name\n      kind\n      children {\n        id\n        name\n        kind\n      }\n    }\n  }\n"): (typeof documents)["\n  query BudgetsPage($month: Month!) {\n    budgetStatus(month: $month) {\n      ...BudgetStatusFields\n    }\n    categories {\n      id\n      name\n      kind\n      children {\n        id\n        name\n        kind\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetBudget($input: SetBudgetInput!) {\n    setBudget(input: $input) {\n      id\n      amount\n    }\n  }\n"): (typeof documents)["\n  mutation SetBudget($input: SetBudgetInput!) {\n    setBudget(input: $input) {\n      id\n      amount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteBudget($id: UUID!) {\n    deleteBudget(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteBudget($id: UUID!) {\n    deleteBudget(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CopyBudgets($month: Month!) {\n    copyBudgets(month: $month) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CopyBudgets($month: Month!) {\n    copyBudgets(month: $month) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CategoriesPage {\n    categories {\n      id\n      name\n      kind\n      children {\n        id\n        name\n        kind\n      }\n    }\n  }\n"): (typeof documents)["\n  query CategoriesPage {\n    categories {\n      id\n      name\n      kind\n      children {\n        id\n        name\n        kind\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCategory($input: CreateCategoryInput!) {\n    createCategory(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCategory($input: CreateCategoryInput!) {\n    createCategory(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenameCategory($id: UUID!, $input: UpdateCategoryInput!) {\n    updateCategory(id: $id, input: $input) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation RenameCategory($id: UUID!, $input: UpdateCategoryInput!) {\n    updateCategory(id: $id, input: $input) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteCategory($id: UUID!, $reassignTo: UUID, $clearTransactions: Boolean) {\n    deleteCategory(id: $id, reassignTo: $reassignTo, clearTransactions: $clearTransactions) {\n      id\n      transactionsMoved\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteCategory($id: UUID!, $reassignTo: UUID, $clearTransactions: Boolean) {\n    deleteCategory(id: $id, reassignTo: $reassignTo, clearTransactions: $clearTransactions) {\n      id\n      transactionsMoved\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NetWorthPage($from: Month!, $to: Month!) {\n    netWorth(from: $from, to: $to) {\n      currency\n      current {\n        ...NetWorthMonthFields\n      }\n      months {\n        ...NetWorthMonthFields\n      }\n      allocation {\n        kind\n        amount\n        share\n      }\n    }\n    accounts {\n      id\n      name\n      kind\n      currency\n      balance\n      archived\n    }\n    valuations {\n      id\n      date\n      value\n      currency\n      account {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query NetWorthPage($from: Month!, $to: Month!) {\n    netWorth(from: $from, to: $to) {\n      currency\n      current {\n        ...NetWorthMonthFields\n      }\n      months {\n        ...NetWorthMonthFields\n      }\n      allocation {\n        kind\n        amount\n        share\n      }\n    }\n    accounts {\n      id\n      name\n      kind\n      currency\n      balance\n      archived\n    }\n    valuations {\n      id\n      date\n      value\n      currency\n      account {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment NetWorthMonthFields on NetWorthMonth {\n    month\n    total\n    assets\n    liabilities\n    changeFromPreviousMonth {\n      amount\n      percent\n    }\n    changeYearToDate {\n      amount\n      percent\n    }\n  }\n"): (typeof documents)["\n  fragment NetWorthMonthFields on NetWorthMonth {\n    month\n    total\n    assets\n    liabilities\n    changeFromPreviousMonth {\n      amount\n      percent\n    }\n    changeYearToDate {\n      amount\n      percent\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetValuation($input: SetValuationInput!) {\n    setValuation(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation SetValuation($input: SetValuationInput!) {\n    setValuation(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteValuation($id: UUID!) {\n    deleteValuation(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteValuation($id: UUID!) {\n    deleteValuation(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CashflowMonthFields on CashflowMonth {\n    month\n    income\n    expenses\n    net\n    savingsRate\n  }\n"): (typeof documents)["\n  fragment CashflowMonthFields on CashflowMonth {\n    month\n    income\n    expenses\n    net\n    savingsRate\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SpendingLineFields on SpendingLine {\n    amount\n    share\n    category {\n      id\n      name\n    }\n    topLevel {\n      id\n    }\n  }\n"): (typeof documents)["\n  fragment SpendingLineFields on SpendingLine {\n    amount\n    share\n    category {\n      id\n      name\n    }\n    topLevel {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Overview($from: Month!, $to: Month!, $fromDate: Date!, $toDate: Date!, $month: Month!) {\n    years\n    cashflow(from: $from, to: $to) {\n      currency\n      income\n      expenses\n      netIncome\n      savingsRate\n      months {\n        ...CashflowMonthFields\n      }\n    }\n    spendingByCategory(from: $fromDate, to: $toDate) {\n      currency\n      total\n      parents {\n        ...SpendingLineFields\n      }\n      categories {\n        ...SpendingLineFields\n      }\n    }\n    budgetStatus(month: $month) {\n      ...BudgetStatusFields\n    }\n  }\n"): (typeof documents)["\n  query Overview($from: Month!, $to: Month!, $fromDate: Date!, $toDate: Date!, $month: Month!) {\n    years\n    cashflow(from: $from, to: $to) {\n      currency\n      income\n      expenses\n      netIncome\n      savingsRate\n      months {\n        ...CashflowMonthFields\n      }\n    }\n    spendingByCategory(from: $fromDate, to: $toDate) {\n      currency\n      total\n      parents {\n        ...SpendingLineFields\n      }\n      categories {\n        ...SpendingLineFields\n      }\n    }\n    budgetStatus(month: $month) {\n      ...BudgetStatusFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecurringPage($from: Date!, $to: Date!) {\n    recurringSchedules {\n      id\n      amount\n      currency\n      description\n      automatic\n      nextDate\n      toAmount\n      tags\n      category {\n        id\n      }\n      account {\n        id\n        name\n      }\n      toAccount {\n        id\n        name\n      }\n      recurrence {\n        frequency\n        every\n        weekdays\n        monthDay\n        lastDayOfMonth\n        start\n        end\n        count\n      }\n    }\n    dueOccurrences {\n      ...OccurrenceFields\n    }\n    upcomingOccurrences(from: $from, to: $to) {\n      ...OccurrenceFields\n    }\n    accounts {\n      id\n      name\n      currency\n      archived\n    }\n    categories {\n      id\n      name\n      kind\n      children {\n        id\n        name\n        kind\n      }\n    }\n  }\n"): (typeof documents)["\n  query RecurringPage($from: Date!, $to: Date!) {\n    recurringSchedules {\n      id\n      amount\n      currency\n      description\n      automatic\n      nextDate\n      toAmount\n      tags\n      category {\n        id\n      }\n      account {\n        id\n        name\n      }\n      toAccount {\n        id\n        name\n      }\n      recurrence {\n        frequency\n        every\n        weekdays\n        monthDay\n        lastDayOfMonth\n        start\n        end\n        count\n      }\n    }\n    dueOccurrences {\n      ...OccurrenceFields\n    }\n    upcomingOccurrences(from: $from, to: $to) {\n      ...OccurrenceFields\n    }\n    accounts {\n      id\n      name\n      currency\n      archived\n    }\n    categories {\n      id\n      name\n      kind\n      children {\n        id\n        name\n        kind\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OccurrenceFields on Occurrence {\n    scheduleId\n    date\n    postDate\n    amount\n    currency\n    description\n    status\n  }\n"): (typeof documents)["\n  fragment OccurrenceFields on Occurrence {\n    scheduleId\n    date\n    postDate\n    amount\n    currency\n    description\n    status\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Upcoming($from: Date!, $to: Date!) {\n    upcomingOccurrences(from: $from, to: $to) {\n      ...OccurrenceFields\n    }\n  }\n"): (typeof documents)["\n  query Upcoming($from: Date!, $to: Date!) {\n    upcomingOccurrences(from: $from, to: $to) {\n      ...OccurrenceFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateRecurring($input: RecurringScheduleInput!) {\n    createRecurringSchedule(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateRecurring($input: RecurringScheduleInput!) {\n    createRecurringSchedule(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateRecurring($id: UUID!, $input: RecurringScheduleInput!) {\n    updateRecurringSchedule(id: $id, input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateRecurring($id: UUID!, $input: RecurringScheduleInput!) {\n    updateRecurringSchedule(id: $id, input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteRecurring($id: UUID!) {\n    deleteRecurringSchedule(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteRecurring($id: UUID!) {\n    deleteRecurringSchedule(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SkipOccurrence($scheduleId: UUID!, $date: Date!) {\n    skipOccurrence(scheduleId: $scheduleId, date: $date) {\n      date\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation SkipOccurrence($scheduleId: UUID!, $date: Date!) {\n    skipOccurrence(scheduleId: $scheduleId, date: $date) {\n      date\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmOccurrence($scheduleId: UUID!, $date: Date!) {\n    confirmOccurrence(scheduleId: $scheduleId, date: $date) {\n      date\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ConfirmOccurrence($scheduleId: UUID!, $date: Date!) {\n    confirmOccurrence(scheduleId: $scheduleId, date: $date) {\n      date\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RulesPage {\n    rules {\n      id\n      position\n      name\n      conditions {\n        op\n        value\n      }\n      amountMin\n      amountMax\n      accountId\n      account {\n        id\n        name\n      }\n      categoryId\n      category {\n        id\n        name\n      }\n      addTags\n      renameTo\n    }\n    accounts {\n      id\n      name\n    }\n    categories {\n      id\n      name\n      children {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query RulesPage {\n    rules {\n      id\n      position\n      name\n      conditions {\n        op\n        value\n      }\n      amountMin\n      amountMax\n      accountId\n      account {\n        id\n        name\n      }\n      categoryId\n      category {\n        id\n        name\n      }\n      addTags\n      renameTo\n    }\n    accounts {\n      id\n      name\n    }\n    categories {\n      id\n      name\n      children {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateRule($input: RuleInput!) {\n    createRule(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateRule($input: RuleInput!) {\n    createRule(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateRule($id: UUID!, $input: RuleInput!) {\n    updateRule(id: $id, input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateRule($id: UUID!, $input: RuleInput!) {\n    updateRule(id: $id, input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteRule($id: UUID!) {\n    deleteRule(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteRule($id: UUID!) {\n    deleteRule(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MoveRule($id: UUID!, $position: Int!) {\n    moveRule(id: $id, position: $position) {\n      id\n      position\n    }\n  }\n"): (typeof documents)["\n  mutation MoveRule($id: UUID!, $position: Int!) {\n    moveRule(id: $id, position: $position) {\n      id\n      position\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PreviewRule($id: UUID!, $after: String) {\n    previewRule(id: $id, first: 20, after: $after) {\n      changes {\n        transactionId\n        description\n        category {\n          id\n          name\n        }\n        addTags\n        renameTo\n      }\n      scanned\n      endCursor\n      hasMore\n    }\n  }\n"): (typeof documents)["\n  query PreviewRule($id: UUID!, $after: String) {\n    previewRule(id: $id, first: 20, after: $after) {\n      changes {\n        transactionId\n        description\n        category {\n          id\n          name\n        }\n        addTags\n        renameTo\n      }\n      scanned\n      endCursor\n      hasMore\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApplyRule($id: UUID!, $after: String) {\n    applyRule(id: $id, after: $after) {\n      scanned\n      changed\n      endCursor\n      hasMore\n    }\n  }\n"): (typeof documents)["\n  mutation ApplyRule($id: UUID!, $after: String) {\n    applyRule(id: $id, after: $after) {\n      scanned\n      changed\n      endCursor\n      hasMore\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SignInMethods {\n    me {\n      id\n      hasPassword\n      identities {\n        provider\n        email\n        linkedAt\n      }\n    }\n    oidcProviders {\n      name\n      displayName\n    }\n  }\n"): (typeof documents)["\n  query SignInMethods {\n    me {\n      id\n      hasPassword\n      identities {\n        provider\n        email\n        linkedAt\n      }\n    }\n    oidcProviders {\n      name\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartOidcLink($provider: String!) {\n    startOidcLink(provider: $provider) {\n      url\n    }\n  }\n"): (typeof documents)["\n  mutation StartOidcLink($provider: String!) {\n    startOidcLink(provider: $provider) {\n      url\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnlinkOidcProvider($provider: String!) {\n    unlinkOidcProvider(provider: $provider)\n  }\n"): (typeof documents)["\n  mutation UnlinkOidcProvider($provider: String!) {\n    unlinkOidcProvider(provider: $provider)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetPassword($input: SetPasswordInput!) {\n    setPassword(input: $input)\n  }\n"): (typeof documents)["\n  mutation SetPassword($input: SetPasswordInput!) {\n    setPassword(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SettingsPage {\n    me {\n      id\n      username\n      email\n      baseCurrency\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  query SettingsPage {\n    me {\n      id\n      username\n      email\n      baseCurrency\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      username\n      baseCurrency\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      username\n      baseCurrency\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeEmail($input: ChangeEmailInput!) {\n    changeEmail(input: $input) {\n      id\n      email\n    }\n  }\n"): (typeof documents)["\n  mutation ChangeEmail($input: ChangeEmailInput!) {\n    changeEmail(input: $input) {\n      id\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportMyData {\n    exportMyData\n  }\n"): (typeof documents)["\n  query ExportMyData {\n    exportMyData\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteMyAccount($password: String!) {\n    deleteMyAccount(password: $password)\n  }\n"): (typeof documents)["\n  mutation DeleteMyAccount($password: String!) {\n    deleteMyAccount(password: $password)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      ...AuthFields\n    }\n  }\n"): (typeof documents)["\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      ...AuthFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Sessions {\n    sessions {\n      id\n      createdAt\n      lastUsedAt\n      expiresAt\n      userAgent\n      ip\n      current\n    }\n  }\n"): (typeof documents)["\n  query Sessions {\n    sessions {\n      id\n      createdAt\n      lastUsedAt\n      expiresAt\n      userAgent\n      ip\n      current\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeSession($id: UUID!) {\n    revokeSession(id: $id)\n  }\n"): (typeof documents)["\n  mutation RevokeSession($id: UUID!) {\n    revokeSession(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogoutEverywhere {\n    logoutEverywhere\n  }\n"): (typeof documents)["\n  mutation LogoutEverywhere {\n    logoutEverywhere\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TwoFactorStatus {\n    me {\n      id\n      twoFactorEnabled\n      recoveryCodesRemaining\n    }\n  }\n"): (typeof documents)["\n  query TwoFactorStatus {\n    me {\n      id\n      twoFactorEnabled\n      recoveryCodesRemaining\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartTwoFactorEnrolment($input: StartTwoFactorEnrolmentInput!) {\n    startTwoFactorEnrolment(input: $input) {\n      otpauthUri\n      secret\n    }\n  }\n"): (typeof documents)["\n  mutation StartTwoFactorEnrolment($input: StartTwoFactorEnrolmentInput!) {\n    startTwoFactorEnrolment(input: $input) {\n      otpauthUri\n      secret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmTwoFactorEnrolment($input: TwoFactorCodeInput!) {\n    confirmTwoFactorEnrolment(input: $input) {\n      codes\n    }\n  }\n"): (typeof documents)["\n  mutation ConfirmTwoFactorEnrolment($input: TwoFactorCodeInput!) {\n    confirmTwoFactorEnrolment(input: $input) {\n      codes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegenerateRecoveryCodes($input: TwoFactorCodeInput!) {\n    regenerateRecoveryCodes(input: $input) {\n      codes\n    }\n  }\n"): (typeof documents)["\n  mutation RegenerateRecoveryCodes($input: TwoFactorCodeInput!) {\n    regenerateRecoveryCodes(input: $input) {\n      codes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisableTwoFactor($input: DisableTwoFactorInput!) {\n    disableTwoFactor(input: $input)\n  }\n"): (typeof documents)["\n  mutation DisableTwoFactor($input: DisableTwoFactorInput!) {\n    disableTwoFactor(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TransactionsPage(\n    $first: Int!\n    $after: String\n    $filter: TransactionFilter\n    $orderBy: TransactionOrder\n  ) {\n    transactions(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      totals {\n        currency\n        count\n        moneyIn\n        moneyOut\n        net\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        runningBalance\n        node {\n          ...TransactionRow\n        }\n      }\n    }\n    accounts {\n      id\n      name\n      currency\n      kind\n      archived\n      isDefault\n    }\n    categories {\n      id\n      name\n      kind\n      children {\n        id\n        name\n        kind\n      }\n    }\n    tags {\n      name\n      transactionCount\n    }\n  }\n"): (typeof documents)["\n  query TransactionsPage(\n    $first: Int!\n    $after: String\n    $filter: TransactionFilter\n    $orderBy: TransactionOrder\n  ) {\n    transactions(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      totals {\n        currency\n        count\n        moneyIn\n        moneyOut\n        net\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        runningBalance\n        node {\n          ...TransactionRow\n        }\n      }\n    }\n    accounts {\n      id\n      name\n      currency\n      kind\n      archived\n      isDefault\n    }\n    categories {\n      id\n      name\n      kind\n      children {\n        id\n        name\n        kind\n      }\n    }\n    tags {\n      name\n      transactionCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TransactionRow on Transaction {\n    id\n    date\n    amount\n    currency\n    description\n    notes\n    tags\n    transferId\n    account {\n      id\n      name\n    }\n    category {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment TransactionRow on Transaction {\n    id\n    date\n    amount\n    currency\n    description\n    notes\n    tags\n    transferId\n    account {\n      id\n      name\n    }\n    category {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTransaction($input: CreateTransactionInput!) {\n    createTransaction(input: $input) {\n      ...TransactionRow\n    }\n  }\n"): (typeof documents)["\n  mutation CreateTransaction($input: CreateTransactionInput!) {\n    createTransaction(input: $input) {\n      ...TransactionRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateTransaction($id: UUID!, $input: UpdateTransactionInput!) {\n    updateTransaction(id: $id, input: $input) {\n      ...TransactionRow\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateTransaction($id: UUID!, $input: UpdateTransactionInput!) {\n    updateTransaction(id: $id, input: $input) {\n      ...TransactionRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteTransaction($id: UUID!) {\n    deleteTransaction(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteTransaction($id: UUID!) {\n    deleteTransaction(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateTransactions($input: UpdateTransactionsInput!) {\n    updateTransactions(input: $input) {\n      ...TransactionRow\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateTransactions($input: UpdateTransactionsInput!) {\n    updateTransactions(input: $input) {\n      ...TransactionRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteTransactions($ids: [UUID!]!) {\n    deleteTransactions(ids: $ids)\n  }\n"): (typeof documents)["\n  mutation DeleteTransactions($ids: [UUID!]!) {\n    deleteTransactions(ids: $ids)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTransfer($input: CreateTransferInput!) {\n    createTransfer(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateTransfer($input: CreateTransferInput!) {\n    createTransfer(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportTransactions($input: ImportTransactionsInput!) {\n    importTransactions(input: $input) {\n      imported\n      duplicates\n      errorCount\n      errors {\n        row\n        column\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ImportTransactions($input: ImportTransactionsInput!) {\n    importTransactions(input: $input) {\n      imported\n      duplicates\n      errorCount\n      errors {\n        row\n        column\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportTransactions($filter: TransactionFilter) {\n    exportTransactions(filter: $filter)\n  }\n"): (typeof documents)["\n  query ExportTransactions($filter: TransactionFilter) {\n    exportTransactions(filter: $filter)\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;