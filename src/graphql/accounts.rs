//! Accounts as the API shows them.

use async_graphql::{
    ComplexObject, Context, Enum, InputObject, MaybeUndefined, Object, SimpleObject,
};
use rust_decimal::Decimal;

use super::change;
use super::context::{services, viewer};
use super::loaders;
use super::scalars::{DateTime, Money, Uuid};
use crate::money::Currency;
use crate::service::accounts::{self, AccountKind as Kind};

/// What kind of account this is.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
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

impl From<Kind> for AccountKind {
    fn from(kind: Kind) -> Self {
        match kind {
            Kind::Checking => Self::Checking,
            Kind::Savings => Self::Savings,
            Kind::CreditCard => Self::CreditCard,
            Kind::Cash => Self::Cash,
            Kind::Investment => Self::Investment,
            Kind::Loan => Self::Loan,
            Kind::Property => Self::Property,
            Kind::Other => Self::Other,
        }
    }
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
        Ok(Money(
            self.money.from_minor(valued.unwrap_or(self.ledger_minor)),
        ))
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

impl From<AccountKind> for Kind {
    fn from(kind: AccountKind) -> Self {
        match kind {
            AccountKind::Checking => Self::Checking,
            AccountKind::Savings => Self::Savings,
            AccountKind::CreditCard => Self::CreditCard,
            AccountKind::Cash => Self::Cash,
            AccountKind::Investment => Self::Investment,
            AccountKind::Loan => Self::Loan,
            AccountKind::Property => Self::Property,
            AccountKind::Other => Self::Other,
        }
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
        let written = accounts::create(&services(ctx).store, viewer, new).await?;
        loaders::forget(ctx);
        Ok(written.into())
    }

    /// Rename an account or change its kind, institution or opening balance.
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
        };
        let written = accounts::update(&services(ctx).store, viewer, id.0, patch).await?;
        loaders::forget(ctx);
        Ok(written.into())
    }
}
