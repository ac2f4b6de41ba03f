//! Accounts as the API shows them.

use async_graphql::{ComplexObject, Context, Enum, Object, SimpleObject};

use super::context::{services, viewer};
use super::loaders;
use super::scalars::{DateTime, Money, Uuid};
use crate::error::AppError;
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
}

#[ComplexObject]
impl Account {
    /// Opening balance plus every transaction of the account, exact.
    #[graphql(complexity = 2)]
    async fn balance(&self, ctx: &Context<'_>) -> async_graphql::Result<Money> {
        let total = loaders::account_total(ctx, self.id.0).await?;
        let opening = self
            .money
            .to_minor(self.opening_balance.0)
            .map_err(AppError::internal)?;
        let minor = opening
            .checked_add(total)
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("balance overflow")))?;
        Ok(Money(self.money.from_minor(minor)))
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
