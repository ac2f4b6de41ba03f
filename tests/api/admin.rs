//! Administration: roles on every admin field, what admins change, the user list, the CLI.

pub mod changes;
pub mod cli;
pub mod roles;
pub mod scoping;
pub mod shared;
pub mod users;
