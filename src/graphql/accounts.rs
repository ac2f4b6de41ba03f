//! Accounts as the API shows them.

use async_graphql::{
    ComplexObject, Context, Enum, InputObject, MaybeUndefined, Object, SimpleObject,
};
use rust_decimal::Decimal;

use super::change;
use super::context::{services, viewer};
use super::loaders;
use super::scalars::{DateTime, Money, Uuid};
use crate::error::AppError;
use crate::money::Currency;
use crate::service::accounts::{self, AccountKind as Kind};

/// What kind of account this is.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "accounts::AccountKind")]
pub enum AccountKind {
    Checking,
    Savings,
    CreditCard,
    Cash,
    Investment,
    Loan,
    Property,
    Other,
}

/// Where money lives: a current account, a card, cash …
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Account {
    pub id: Uuid,
    pub name: String,
    pub kind: AccountKind,
    /// ISO 4217 code; every amount of this account is in it.
    pub currency: String,
    pub institution: Option<String>,
    pub opening_balance: Money,
    /// Transactions created without an account go here.
    pub is_default: bool,
    pub archived: bool,
    pub created_at: DateTime,
    #[graphql(skip)]
    money: Currency,
    #[graphql(skip)]
    ledger_minor: i64,
}

#[ComplexObject]
impl Account {
    /// What the account holds now, exact: opening balance plus every transaction; for an
    /// investment or property account with valuations, its latest valuation plus the
    /// transactions dated after it.
    #[graphql(complexity = 2)]
    async fn balance(&self, ctx: &Context<'_>) -> async_graphql::Result<Money> {
        let valued = match self.kind {
            AccountKind::Investment | AccountKind::Property => {
                loaders::valued_balance(ctx, self.id.0).await?
            }
            _ => None,
        };
        let minor = valued.unwrap_or(i128::from(self.ledger_minor));
        let amount = self.money.from_wide_minor(minor).ok_or_else(|| {
            AppError::bad_input("balance", "This balance is beyond the supported range")
        })?;
        Ok(Money(amount))
    }

    /// Opening balance plus every transaction, whatever the valuations say.
    async fn ledger_balance(&self) -> Money {
        Money(self.money.from_minor(self.ledger_minor))
    }
}

impl From<accounts::Account> for Account {
    fn from(account: accounts::Account) -> Self {
        Self {
            id: Uuid(account.id),
            name: account.name,
            kind: account.kind.into(),
            currency: account.currency.code().to_owned(),
            institution: account.institution,
            opening_balance: Money(account.opening_balance),
            is_default: account.is_default,
            archived: account.archived,
            created_at: DateTime(account.created_at),
            money: account.currency,
            ledger_minor: account.ledger_minor,
        }
    }
}

#[derive(Default)]
pub struct AccountQuery;

#[Object]
impl AccountQuery {
    /// The viewer's accounts, the default one first.
    async fn accounts(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Account>> {
        let viewer = viewer(ctx)?;
        let list = accounts::list(&services(ctx).store, viewer).await?;
        Ok(list.into_iter().map(Account::from).collect())
    }

    /// One of the viewer's accounts.
    async fn account(&self, ctx: &Context<'_>, id: Uuid) -> async_graphql::Result<Account> {
        let viewer = viewer(ctx)?;
        Ok(accounts::get(&services(ctx).store, viewer, id.0)
            .await?
            .into())
    }
}

/// A new account.
#[derive(InputObject)]
pub struct CreateAccountInput {
    /// 1–100 characters, unique among the viewer's accounts.
    pub name: String,
    pub kind: AccountKind,
    /// ISO 4217 code; fixed for the life of the account.
    pub currency: String,
    pub institution: Option<String>,
    /// Balance before the first transaction (default 0).
    pub opening_balance: Option<Money>,
}

/// Changes to an account: omitted fields stay as they are; `institution: null` clears it.
#[derive(InputObject)]
pub struct UpdateAccountInput {
    pub name: Option<String>,
    pub kind: Option<AccountKind>,
    pub institution: MaybeUndefined<String>,
    pub opening_balance: Option<Money>,
    /// Archive (closed to new transactions, still listed and reported) or reopen.
    pub archived: Option<bool>,
    /// `true` makes this the default account in place of the current one.
    pub is_default: Option<bool>,
}

/// What deleting an account did.
#[derive(SimpleObject)]
pub struct DeleteAccountPayload {
    pub id: Uuid,
    /// True when the account has transactions and was archived instead of deleted.
    pub archived: bool,
    /// The archived account; null when it was deleted.
    pub account: Option<Account>,
}

#[derive(Default)]
pub struct AccountMutation;

#[Object]
impl AccountMutation {
    /// Open an account.
    async fn create_account(
        &self,
        ctx: &Context<'_>,
        input: CreateAccountInput,
    ) -> async_graphql::Result<Account> {
        let viewer = viewer(ctx)?;
        let new = accounts::NewAccount {
            name: input.name,
            kind: input.kind.into(),
            currency: input.currency,
            institution: input.institution,
            opening_balance: input.opening_balance.map_or(Decimal::ZERO, |m| m.0),
        };
        let written = loaders::after_write(
            ctx,
            accounts::create(&services(ctx).store, viewer, new).await,
        )?;
        Ok(written.into())
    }

    /// Delete an account without transactions; one with transactions is archived instead,
    /// so no history is lost. The default account cannot be deleted.
    async fn delete_account(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
    ) -> async_graphql::Result<DeleteAccountPayload> {
        let viewer = viewer(ctx)?;
        let outcome = loaders::after_write(
            ctx,
            accounts::delete(&services(ctx).store, viewer, id.0).await,
        )?;
        Ok(match outcome {
            accounts::Deleted::Removed => DeleteAccountPayload {
                id,
                archived: false,
                account: None,
            },
            accounts::Deleted::Archived(account) => DeleteAccountPayload {
                id,
                archived: true,
                account: Some(account.into()),
            },
        })
    }

    /// Change an account: name, kind, institution, opening balance, archived, default.
    async fn update_account(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        input: UpdateAccountInput,
    ) -> async_graphql::Result<Account> {
        let viewer = viewer(ctx)?;
        let patch = accounts::AccountPatch {
            name: input.name,
            kind: input.kind.map(Kind::from),
            institution: change(input.institution, |value| value),
            opening_balance: input.opening_balance.map(|m| m.0),
            archived: input.archived,
            is_default: input.is_default,
        };
        let written = loaders::after_write(
            ctx,
            accounts::update(&services(ctx).store, viewer, id.0, patch).await,
        )?;
        Ok(written.into())
    }
}
